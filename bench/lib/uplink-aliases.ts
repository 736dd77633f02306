import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Alias } from 'vite'
import { repoRoot } from './paths'

export const UPLINK_PACKAGES = ['core', 'providers', 'react'] as const

interface ExportTarget {
  import?: string
  default?: string
}

/**
 * Map every public entry of our browser packages (as their package.json `exports` list them) to
 * its built file in dist/, the way an app that installed them would resolve it. The bench lives
 * outside the workspace, so it cannot resolve them by name.
 */
export function uplinkEntries(): Array<{ specifier: string; file: string }> {
  const entries: Array<{ specifier: string; file: string }> = []
  for (const name of UPLINK_PACKAGES) {
    const dir = path.join(repoRoot, 'packages', name)
    const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
      name: string
      exports: Record<string, ExportTarget>
    }
    for (const [subpath, target] of Object.entries(manifest.exports)) {
      const built = target.import ?? target.default
      if (!built) continue
      const file = path.join(dir, built)
      if (!existsSync(file)) throw new Error(`${manifest.name}${subpath.slice(1)}: ${built} is not built; run \`pnpm build\` first`)
      entries.push({ specifier: subpath === '.' ? manifest.name : `${manifest.name}${subpath.slice(1)}`, file })
    }
  }
  return entries
}

export function uplinkAliases(): Alias[] {
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  return uplinkEntries().map(({ specifier, file }) => ({ find: new RegExp(`^${escape(specifier)}$`), replacement: file }))
}
