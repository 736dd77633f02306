import { createHash } from 'node:crypto'
import { createCRC32, createCRC64 } from 'hash-wasm'

/**
 * The additional checksums S3 knows (§6): values travel as base64 of the raw digest bytes.
 * CRCs come from hash-wasm (Node 20 has no CRC32C/CRC64 of its own).
 */
export const CHECKSUM_ALGORITHMS = ['CRC32', 'CRC32C', 'CRC64NVME', 'SHA1', 'SHA256'] as const
export type ChecksumAlgorithm = (typeof CHECKSUM_ALGORITHMS)[number]
export type ChecksumType = 'COMPOSITE' | 'FULL_OBJECT'

/** Header (and query parameter) that carries an algorithm's value, e.g. x-amz-checksum-crc32c. */
export const checksumHeader = (algorithm: ChecksumAlgorithm) => `x-amz-checksum-${algorithm.toLowerCase()}`

export const isChecksumAlgorithm = (name: string): name is ChecksumAlgorithm => (CHECKSUM_ALGORITHMS as readonly string[]).includes(name)

/** A running digest that yields base64 of its raw bytes. */
export interface Digest {
  update(bytes: Uint8Array): void
  base64(): string
}

const CRC32C_POLYNOMIAL = 0x82f63b78
const CRC64NVME_POLYNOMIAL = '9a6c9329ac4bc9b5'

export async function createDigest(algorithm: ChecksumAlgorithm | 'MD5'): Promise<Digest> {
  switch (algorithm) {
    case 'MD5':
    case 'SHA1':
    case 'SHA256': {
      const hash = createHash(algorithm === 'MD5' ? 'md5' : algorithm === 'SHA1' ? 'sha1' : 'sha256')
      return { update: (b) => void hash.update(b), base64: () => hash.digest('base64') }
    }
    case 'CRC32':
    case 'CRC32C':
    case 'CRC64NVME': {
      const hasher =
        algorithm === 'CRC64NVME' ? await createCRC64(CRC64NVME_POLYNOMIAL) : await createCRC32(algorithm === 'CRC32C' ? CRC32C_POLYNOMIAL : undefined)
      hasher.init()
      return { update: (b) => void hasher.update(b), base64: () => Buffer.from(hasher.digest('hex'), 'hex').toString('base64') }
    }
  }
}

export async function checksumOf(algorithm: ChecksumAlgorithm | 'MD5', bytes: Uint8Array): Promise<string> {
  const digest = await createDigest(algorithm)
  digest.update(bytes)
  return digest.base64()
}

/** COMPOSITE checksum (§6): the algorithm over the concatenated raw part checksums, then "-N". */
export async function compositeChecksum(algorithm: ChecksumAlgorithm, partChecksums: string[]): Promise<string> {
  const raw = Buffer.concat(partChecksums.map((c) => Buffer.from(c, 'base64')))
  return `${await checksumOf(algorithm, raw)}-${partChecksums.length}`
}

/** Whether `text` is base64 of exactly `bytes` raw bytes (strict: canonical padding). */
export function isBase64OfLength(text: string, bytes: number): boolean {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return false
  const decoded = Buffer.from(text, 'base64')
  return decoded.length === bytes && decoded.toString('base64') === text
}

export const DIGEST_BYTES: Record<ChecksumAlgorithm | 'MD5', number> = { MD5: 16, CRC32: 4, CRC32C: 4, CRC64NVME: 8, SHA1: 20, SHA256: 32 }
