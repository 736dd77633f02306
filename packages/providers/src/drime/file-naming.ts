/**
 * What Drime wants to know about a file's name and place (drime.md §3.1, §3.6): the extension
 * without its dot ("bin" when there is none, as rclone sends), and the folder path relative to
 * the drive root when the file came from a dropped folder.
 */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? name.slice(dot + 1) : ''
  return extension === '' ? 'bin' : extension.toLowerCase()
}

/**
 * The folder part of a browser relative path ("photos/2024/a.jpg" -> "photos/2024"); the
 * browser's webkitRelativePath ends with the file's own name, Drime's relativePath does not.
 */
export function folderOf(relativePath: string | undefined, name: string): string | undefined {
  if (!relativePath) return undefined
  const segments = relativePath.split('/').filter((s) => s !== '' && s !== '.')
  if (segments.at(-1) === name) segments.pop()
  return segments.length > 0 ? segments.join('/') : undefined
}

/** The drive file name Drime's /s3/entries wants: the last segment of the object key (a uuid). */
export function entryFilename(key: string): string {
  return key.split('/').filter(Boolean).at(-1) ?? key
}
