import { stripUnsafeCharacters, truncateFileName, utf8Length } from './names'

/** S3's limit on a key, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024
/** A path segment longer than this is shortened (most file systems stop at 255 bytes). */
export const MAX_SEGMENT_BYTES = 255
/** Room for the prefix: the rest of a key holds a folder id and at least one 255-byte name. */
export const MAX_PREFIX_BYTES = 512

/**
 * Clean a relative path a client (or the app's `key` hook) proposes: segments a browser sends
 * for folder drops are kept, but nothing that could climb out of the prefix or confuse a store:
 * no "..", no empty or dot segments, no backslashes, control or bidi formatting characters.
 * Returns the cleaned segments (possibly none).
 */
export function cleanRelativePath(path: string): string[] {
  return path
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => truncateFileName(stripUnsafeCharacters(segment).trim(), MAX_SEGMENT_BYTES))
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
}

/** The prefix as a key folder: no leading or trailing slashes, cleaned like any path. */
export function cleanPrefix(prefix: string): string {
  return cleanRelativePath(prefix).join('/')
}

/**
 * Put cleaned segments under a folder, keeping the whole key within S3's 1024 bytes: when the
 * path is too long, its leading folders are dropped first (the file name says most). Returns
 * undefined when even the folder and the file name alone do not fit.
 */
export function keyUnderFolder(folder: string, segments: readonly string[]): string | undefined {
  const head = folder ? `${folder}/` : ''
  const kept = [...segments]
  while (kept.length > 0) {
    const key = head + kept.join('/')
    if (utf8Length(key) <= MAX_KEY_BYTES) return key
    if (kept.length === 1) return undefined
    kept.shift()
  }
  return undefined
}

/**
 * The default object key of an upload: a random folder per upload (no collisions, no guessing)
 * under the prefix, then the cleaned file name (and its folders).
 */
export function buildObjectKey(prefix: string, filename: string, id: string = crypto.randomUUID()): string {
  const segments = cleanRelativePath(filename)
  const folder = [cleanPrefix(prefix), id].filter(Boolean).join('/')
  const key = keyUnderFolder(folder, segments.length > 0 ? segments : ['file'])
  // A 255-byte name and the id fit under any prefix of at most MAX_PREFIX_BYTES (createS3Signer
  // refuses longer ones), so this only happens when called directly with a huge prefix.
  if (!key) throw new RangeError('the key prefix leaves no room for a file name')
  return key
}
