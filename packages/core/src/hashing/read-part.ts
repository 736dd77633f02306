import type { ChecksumAlgorithm, PartChecksums } from '../types'
import { digestPart } from './digest'

export interface ReadPart {
  /** The part as a Blob (a slice of the file): cheap to pass between threads, fast to send. */
  body: Blob
  checksums: PartChecksums
}

/** Read bytes [start, end) of a Blob and hash them; the body to send is that same slice. */
export async function readAndHashPart(
  blob: Blob,
  start: number,
  end: number,
  algorithms: readonly ChecksumAlgorithm[],
): Promise<ReadPart> {
  const body = blob.slice(start, end)
  // Nothing to verify: no need to read the bytes here at all; the request reads them.
  if (algorithms.length === 0) return { body, checksums: {} }
  const checksums = await digestPart(new Uint8Array(await body.arrayBuffer()), algorithms)
  // The body is the slice of the file itself, not a copy: Chromium sends Blob bodies many times
  // faster than ArrayBuffers (measured in bench/), and the page never holds part bytes. A file
  // changed on disk after hashing fails to read (NotReadableError) rather than sending other
  // bytes, and the server checks the checksum anyway.
  return { body, checksums }
}
