import { crc32, md5 } from 'hash-wasm'
import type { ChecksumAlgorithm, PartChecksums } from '../types'
import { bytesToHex, hexToBase64 } from './encoding'

/** CRC32C (Castagnoli) polynomial, reflected, as hash-wasm's crc32 takes it. */
const CRC32C_POLYNOMIAL = 0x82f63b78

/**
 * Digest one part's bytes with each requested algorithm.
 * SHA-256 uses WebCrypto (native, ~500 MiB/s here); MD5 and CRC32C use hash-wasm (WASM),
 * since WebCrypto has neither.
 */
export async function digestPart(bytes: Uint8Array, algorithms: readonly ChecksumAlgorithm[]): Promise<PartChecksums> {
  const checksums: PartChecksums = {}
  for (const algorithm of algorithms) {
    const hex = await digestHex(bytes, algorithm)
    checksums[algorithm] = { hex, base64: hexToBase64(hex) }
  }
  return checksums
}

async function digestHex(bytes: Uint8Array, algorithm: ChecksumAlgorithm): Promise<string> {
  switch (algorithm) {
    case 'sha256':
      return bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)))
    case 'md5':
      return md5(bytes)
    case 'crc32c':
      return crc32(bytes, CRC32C_POLYNOMIAL)
  }
}
