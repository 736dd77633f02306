import path from 'node:path'

/**
 * Resolve a client-supplied relative path inside `root`, or return null when it would land
 * outside it (after "..", absolute paths, NUL bytes). Nothing from a request may escape.
 */
export function resolveInside(root: string, untrusted: string): string | null {
  if (untrusted.includes('\0')) return null
  const base = path.resolve(root)
  const target = path.resolve(base, untrusted.replace(/^\/+/, ''))
  if (target !== base && !target.startsWith(base + path.sep)) return null
  return target
}
