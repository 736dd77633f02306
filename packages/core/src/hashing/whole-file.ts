import { createCRC32, createSHA256 } from 'hash-wasm'
import type { PartChecksum } from '../types'
import { hexToBase64 } from './encoding'

const CRC32C_POLYNOMIAL = 0x82f63b78
const CHUNK = 8 * 1024 * 1024

/**
 * A whole-file digest streamed over the file in order, one chunk in memory at a time
 * (WebCrypto cannot stream, so this uses hash-wasm's incremental hashers).
 */
export async function digestWholeFile(blob: Blob, algorithm: 'sha256' | 'crc32c', chunkSize = CHUNK): Promise<PartChecksum> {
  const hasher = algorithm === 'sha256' ? await createSHA256() : await createCRC32(CRC32C_POLYNOMIAL)
  hasher.init()
  for (let offset = 0; offset < blob.size; offset += chunkSize) {
    hasher.update(new Uint8Array(await blob.slice(offset, offset + chunkSize).arrayBuffer()))
  }
  const hex = hasher.digest('hex')
  return { hex, base64: hexToBase64(hex) }
}
