/**
 * Build the object key for an upload: a random folder per upload (no collisions, no guessing)
 * plus a cleaned file name. Path segments a browser sends (folder drops) are kept, but nothing
 * that could climb out of the prefix or confuse a store: no "..", no empty or dot segments,
 * no control characters, no backslashes.
 */
export function buildObjectKey(prefix: string, filename: string, id: string = crypto.randomUUID()): string {
  const segments = filename
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => cleanSegment(segment))
    .filter((segment) => segment !== '' && segment !== '.' && segment !== '..')
  const name = segments.length > 0 ? segments.join('/') : 'file'
  const cleanPrefix = prefix.replace(/^\/+|\/+$/g, '')
  return `${cleanPrefix ? `${cleanPrefix}/` : ''}${id}/${name}`.slice(0, 1024)
}

function cleanSegment(segment: string): string {
  // eslint-disable-next-line no-control-regex
  return segment.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255)
}
