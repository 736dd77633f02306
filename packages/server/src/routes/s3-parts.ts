import { ListPartsCommand } from '@aws-sdk/client-s3'
import { SignerError } from '../errors'
import type { SignerConfig } from '../options'
import type { UploadClaims } from '../upload-token'

export interface StoredPart {
  PartNumber: number
  ETag: string
  Size: number
}

/** Every part S3 holds for the upload, all ListParts pages merged (1000 a page). */
export async function listStoredParts(config: SignerConfig, upload: UploadClaims): Promise<StoredPart[]> {
  const parts: StoredPart[] = []
  let PartNumberMarker: string | undefined
  for (;;) {
    const page = await config.client.send(new ListPartsCommand({ Bucket: config.bucket, Key: upload.key, UploadId: upload.uploadId, PartNumberMarker }))
    for (const part of page.Parts ?? []) parts.push({ PartNumber: part.PartNumber ?? 0, ETag: part.ETag ?? '', Size: part.Size ?? 0 })
    if (!page.IsTruncated) return parts
    // A truncated page must move the marker on, and S3 never holds more than 10,000 parts:
    // anything else would loop or answer a partial list.
    const next = page.NextPartNumberMarker ?? String(parts.at(-1)?.PartNumber ?? '')
    if (!next || next === PartNumberMarker || parts.length > 10_000) {
      throw new SignerError('storage-error', 502, { detail: `ListParts paging did not move on (marker ${next}, ${parts.length} parts)` })
    }
    PartNumberMarker = next
  }
}
