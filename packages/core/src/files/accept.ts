/**
 * The `accept` rules of a file input: MIME types ("image/png"), wildcards ("image/*") and
 * extensions (".pdf"), as a comma-separated string or a list. The one implementation: the
 * engine's restrictions and the React drop zone both use it.
 */
export function parseAccept(accept: string | readonly string[] | undefined): string[] {
  if (!accept) return []
  const list = typeof accept === 'string' ? accept.split(',') : accept
  return list.map((token) => token.trim().toLowerCase()).filter(Boolean)
}

/** Whether a file matches any accept rule (an empty list, "*" or "*\/*" accepts everything). */
export function matchesAccept(file: { name: string; type: string }, accept: string | readonly string[] | undefined): boolean {
  const rules = parseAccept(accept)
  if (rules.length === 0) return true
  const name = file.name.toLowerCase()
  const type = file.type.toLowerCase()
  return rules.some((rule) => {
    if (rule === '*' || rule === '*/*') return true
    if (rule.startsWith('.')) return name.endsWith(rule)
    if (rule.endsWith('/*')) return type.startsWith(rule.slice(0, -1))
    return type === rule
  })
}
