import type { ChecksumAlgorithm } from '../types'
import { type DigestOptions, createHasher, digestBytes, feed } from './digest'
import { hexToBase64 } from './encoding'
import type { Hashed } from './part-hasher'
import { readBlob } from './read-blob'

/** The work of a hashing job, the same in a worker and on the main thread. */

export async function hashPartBlob(part: Blob, algorithms: readonly ChecksumAlgorithm[], options?: DigestOptions): Promise<Hashed> {
  const bytes = await readBlob(part)
  return { checksums: await digestBytes(bytes, algorithms, options), bytes: bytes.length }
}

/** One digest over consecutive chunks, read one at a time (a whole file never sits in memory). */
export async function hashChunks(chunks: readonly Blob[], algorithm: ChecksumAlgorithm, options?: DigestOptions): Promise<Hashed> {
  const hasher = await createHasher(algorithm)
  let bytes = 0
  for (const chunk of chunks) {
    const data = await readBlob(chunk)
    bytes += data.length
    await feed(hasher, data, options)
  }
  const hex = hasher.digestHex()
  return { checksums: { [algorithm]: { hex, base64: hexToBase64(hex) } }, bytes }
}
