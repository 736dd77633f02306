const MiB = 1024 * 1024
const CHUNK = MiB
const DISTINCT = 16

let chunks: Blob[] | undefined

/** 16 distinct random 1 MiB Blobs, made once. */
function randomChunks(): Blob[] {
  if (chunks) return chunks
  chunks = []
  for (let i = 0; i < DISTINCT; i++) {
    const bytes = new Uint8Array(CHUNK)
    // getRandomValues fills at most 64 KiB per call.
    for (let at = 0; at < CHUNK; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536))
    chunks.push(new Blob([bytes]))
  }
  return chunks
}

/**
 * A File of `size` bytes that the page never holds: a Blob made of references to 16 random
 * 1 MiB Blobs (Chromium's blob registry keeps references, not copies), in a scrambled order so
 * neighbouring parts differ. Reading it costs a trip through the blob registry like a real file,
 * but no disk: a disk-backed file could only be slower to read.
 */
export function bigFile(size: number, name = 'big.bin'): File {
  const pool = randomChunks()
  const refs: Blob[] = []
  let left = size
  for (let i = 0; left > 0; i++) {
    const chunk = pool[(i * 7 + (i >> 4)) % DISTINCT]!
    refs.push(left >= CHUNK ? chunk : chunk.slice(0, left))
    left -= CHUNK
  }
  return new File(refs, name, { type: 'application/octet-stream' })
}

/** `count` small files with random content (each its own bytes, as dropped files would be). */
export function smallFiles(count: number, size: number): File[] {
  const source = new Uint8Array(size + count)
  for (let at = 0; at < source.length; at += 65536) crypto.getRandomValues(source.subarray(at, Math.min(at + 65536, source.length)))
  const files: File[] = []
  for (let i = 0; i < count; i++) files.push(new File([source.subarray(i, i + size)], `small-${String(i).padStart(5, '0')}.bin`, { type: 'application/octet-stream' }))
  return files
}
