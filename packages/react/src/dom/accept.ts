/**
 * Matching a file against an `accept` list as the file input understands it:
 * MIME types ("image/png"), wildcards ("image/*") and extensions (".pdf"), comma separated.
 */
export function parseAccept(accept: string | readonly string[] | undefined): string[] {
  if (!accept) return []
  const list = typeof accept === 'string' ? accept.split(',') : accept
  return list.map((token) => token.trim().toLowerCase()).filter(Boolean)
}

export function matchesAccept(file: { name: string; type: string }, tokens: readonly string[]): boolean {
  if (tokens.length === 0) return true
  const name = file.name.toLowerCase()
  const type = file.type.toLowerCase()
  return tokens.some((token) => {
    if (token.startsWith('.')) return name.endsWith(token)
    if (token.endsWith('/*')) return type.startsWith(token.slice(0, -1))
    return type === token
  })
}

/**
 * During a drag only MIME types are visible (names come with the drop). Unknown types ("")
 * are given the benefit of the doubt; the drop itself checks names too.
 */
export function typeMayMatch(type: string, tokens: readonly string[]): boolean {
  if (tokens.length === 0 || type === '') return true
  const mimeTokens = tokens.filter((token) => !token.startsWith('.'))
  if (mimeTokens.length < tokens.length) return true
  return matchesAccept({ name: '', type }, mimeTokens)
}
