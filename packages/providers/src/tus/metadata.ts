/**
 * `Upload-Metadata`: comma-separated `key base64(value)` pairs (tus.md §1). Values are UTF-8
 * before base64; keys must be ASCII without spaces or commas and unique, so bad keys are dropped
 * rather than sent to a server that would refuse the whole upload.
 */
export function encodeUploadMetadata(entries: Record<string, string | undefined>): string {
  const pairs: string[] = []
  for (const [key, value] of Object.entries(entries)) {
    if (!/^[\x21-\x2b\x2d-\x7e]+$/.test(key) || value === undefined) continue
    pairs.push(value === '' ? key : `${key} ${utf8Base64(value)}`)
  }
  return pairs.join(',')
}

function utf8Base64(value: string): string {
  let binary = ''
  for (const byte of new TextEncoder().encode(value)) binary += String.fromCharCode(byte)
  return btoa(binary)
}
