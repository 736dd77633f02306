import type { ByteUnits } from '@uplink/react'
import type { S3Checksum } from '@uplink/providers/s3'

export interface UploadSettings {
  /** Bytes, or 'auto' (the engine adapts it to the link). */
  partSize: number | 'auto'
  concurrency: number
  checksum: S3Checksum
  /** Compute each file's SHA-256 in the browser before sending (shown beside the server's). */
  wholeFileHash: boolean
  units: ByteUnits
}

const MiB = 1024 * 1024

export const defaultSettings: UploadSettings = { partSize: 8 * MiB, concurrency: 4, checksum: 'md5', wholeFileHash: false, units: 'binary' }

export const partSizes: Array<{ value: UploadSettings['partSize']; label: string }> = [
  { value: 'auto', label: 'Auto (adapts to the link)' },
  { value: 5 * MiB, label: '5 MiB' },
  { value: 8 * MiB, label: '8 MiB' },
  { value: 16 * MiB, label: '16 MiB' },
  { value: 64 * MiB, label: '64 MiB' },
]
export const concurrencies = [1, 2, 4, 6, 8]
export const checksums: Array<{ value: S3Checksum; label: string }> = [
  { value: 'md5', label: 'Content-MD5' },
  { value: 'crc32c', label: 'CRC32C' },
  { value: 'sha256', label: 'SHA-256' },
  { value: 'none', label: 'None' },
]
