/**
 * The URL path segment for `POST /filesystem-multipart/initiate/{path}` (blaxel.md §3.1).
 *
 * The sandbox API decides absolute vs relative by looking for a literal `%2F` in the raw URL:
 * without it the path is taken relative to the sandbox working directory. So an absolute
 * destination must start with `%2F` (upper case), and every other segment is percent-encoded
 * on its own so that no name can smuggle in a slash. Runs of `/` collapse (the server does it
 * too); a leading `~` is left as is (the server expands it to $HOME).
 */
export function initiatePathSegment(destination: string): string {
  const absolute = destination.startsWith('/')
  const segments = destination.split('/').filter((s) => s !== '')
  if (segments.length === 0) throw new Error(`"${destination}" names no file`)
  if (segments.some((s) => s === '.' || s === '..')) throw new Error(`"${destination}" may not contain "." or ".." segments`)
  const encoded = segments.map((s) => encodeURIComponent(s)).join('/')
  return absolute ? `%2F${encoded}` : encoded
}

/** Where a file goes by default: its dropped-folder path (or name) under `directory`. */
export function defaultDestination(directory: string, relativePath: string | undefined, name: string): string {
  const below = (relativePath ?? name).replace(/^\/+/, '')
  return directory === '' ? below : `${directory.replace(/\/+$/, '')}/${below}`
}
