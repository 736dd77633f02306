import { createHash, randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { finished } from 'node:stream/promises'
import type { Faults } from '../../kit/faults'
import type { ObjectStore } from '../../kit/stored-objects'
import type { ChecksumAlgorithm, ChecksumType } from './checksums'
import { compositeChecksum, createDigest } from './checksums'
import { noSuchUpload, StorageError } from './s3-error'

/** One stored part, as UploadPart left it. */
export interface StoredPart {
  partNumber: number
  /** Quoted lowercase hex MD5, as sent in the ETag header. */
  etag: string
  size: number
  md5: Buffer
  lastModified: Date
  /** Base64 value of the upload's checksum algorithm, when it has one. */
  checksum?: string
  file: string
}

export interface UploadOptions {
  bucket: string
  key: string
  /** Minimum size of every part but the last, checked at complete (default: the storage's). */
  minPartSize?: number
  checksumAlgorithm?: ChecksumAlgorithm
  checksumType?: ChecksumType
  /** Parts the upload may have (server-planned uploads); a higher part number is refused. */
  partCount?: number
  /** Exact byte length each part must have (server-planned uploads). */
  partLength?: (partNumber: number) => number | undefined
}

export interface Upload extends Required<Pick<UploadOptions, 'bucket' | 'key' | 'minPartSize'>> {
  uploadId: string
  state: 'open' | 'completed' | 'aborted'
  parts: Map<number, StoredPart>
  checksumAlgorithm?: ChecksumAlgorithm
  checksumType?: ChecksumType
  partCount?: number
  partLength?: (partNumber: number) => number | undefined
  initiated: Date
}

export interface CompletePart {
  partNumber: number
  etag: string
  /** The part's checksum in the upload's algorithm (required for COMPOSITE uploads). */
  checksum?: string
}

export interface CompletedObject {
  bucket: string
  key: string
  /** `"<md5 of the part md5s>-N"` (§2.4). */
  etag: string
  size: number
  /** Whole-object CRC32C (base64), for vendors that verify one (Archetype). */
  crc32c: string
  checksum?: { algorithm: ChecksumAlgorithm; type: ChecksumType; value: string }
  file: string
}

export interface ListPartsPage {
  parts: StoredPart[]
  partNumberMarker: number
  nextPartNumberMarker: number
  maxParts: number
  isTruncated: boolean
}

export const MiB = 1024 * 1024
export const MAX_PART_NUMBER = 10_000

/** Quotes are optional in an ETag given back at complete (§2.4). */
const unquote = (etag: string) => etag.replace(/^"(.*)"$/, '$1')

/**
 * The multipart uploads of the fake storage: the calls a vendor's backend makes to S3
 * (create, list, complete, abort), with part bytes kept on disk until complete assembles them.
 */
export function createUploadRegistry(options: {
  partsDir: string
  objects: ObjectStore
  faults: Faults
  minPartSize: number
  listPageSize: number
}) {
  const uploads = new Map<string, Upload>()

  /** The open upload `uploadId` of `bucket/key`, or NoSuchUpload. */
  const open = (bucket: string, key: string, uploadId: string): Upload => {
    const upload = uploads.get(uploadId)
    if (!upload || upload.state !== 'open' || upload.bucket !== bucket || upload.key !== key) throw noSuchUpload(uploadId)
    return upload
  }

  return {
    create(input: UploadOptions): Upload {
      const uploadId = randomBytes(48).toString('base64url')
      const upload: Upload = {
        uploadId,
        bucket: input.bucket,
        key: input.key,
        minPartSize: input.minPartSize ?? options.minPartSize,
        state: 'open',
        parts: new Map(),
        initiated: new Date(),
        ...(input.checksumAlgorithm ? { checksumAlgorithm: input.checksumAlgorithm, checksumType: input.checksumType ?? 'COMPOSITE' } : {}),
        ...(input.partCount === undefined ? {} : { partCount: input.partCount }),
        ...(input.partLength ? { partLength: input.partLength } : {}),
      }
      uploads.set(uploadId, upload)
      return upload
    },

    open,

    /** Where a bucket's object lives on disk (what complete assembles, or a PutObject writes). */
    objectFile: (bucket: string, key: string) => options.objects.locate(`${bucket}/${key}`),

    /** Where a part's bytes go while they arrive, and the file they end up in. */
    partFiles(upload: Upload, partNumber: number) {
      const dir = path.join(options.partsDir, upload.uploadId)
      return { dir, final: path.join(dir, String(partNumber)), temp: path.join(dir, `${partNumber}.${randomBytes(6).toString('hex')}.tmp`) }
    },

    /** Record a part whose bytes are in `temp`; an aborted upload discards it. */
    async commitPart(upload: Upload, part: Omit<StoredPart, 'file'>, temp: string): Promise<StoredPart> {
      const { final } = this.partFiles(upload, part.partNumber)
      if (upload.state !== 'open') {
        await rm(temp, { force: true })
        throw noSuchUpload(upload.uploadId)
      }
      await rename(temp, final)
      const stored = { ...part, file: final }
      upload.parts.set(part.partNumber, stored)
      return stored
    },

    /** ListParts (§2.3): ascending, paged after `partNumberMarker`. */
    listParts(bucket: string, key: string, uploadId: string, page: { maxParts?: number; partNumberMarker?: number } = {}): ListPartsPage {
      const upload = open(bucket, key, uploadId)
      const maxParts = Math.min(page.maxParts ?? options.listPageSize, options.listPageSize)
      const marker = page.partNumberMarker ?? 0
      const after = [...upload.parts.values()].filter((p) => p.partNumber > marker).sort((a, b) => a.partNumber - b.partNumber)
      const parts = after.slice(0, maxParts)
      return {
        parts,
        partNumberMarker: marker,
        nextPartNumberMarker: parts.at(-1)?.partNumber ?? marker,
        maxParts,
        isTruncated: after.length > parts.length,
      }
    },

    /**
     * CompleteMultipartUpload (§2.4): strictly ascending parts, each uploaded with the given
     * ETag (quotes optional), every part but the last at least the minimum size, checksums
     * per the upload's mode; then the parts are joined into the bucket's object.
     */
    async complete(bucket: string, key: string, uploadId: string, list: CompletePart[]): Promise<CompletedObject> {
      const upload = open(bucket, key, uploadId)
      // The injected "storage.complete" fault: S3 failing late, e.g. 200 with an <Error> body.
      const outcome = options.faults.draw('storage.complete')
      if (outcome.latencyMs > 0) await options.faults.delay('storage.complete', outcome.latencyMs)
      if (outcome.fail) throw new StorageError(outcome.fail.status, 'InternalError', 'We encountered an internal error. Please try again.')

      if (list.length === 0) throw new StorageError(400, 'MalformedXML', 'The XML you provided was not well-formed or did not validate against our published schema.')
      const chosen: StoredPart[] = []
      for (const [index, item] of list.entries()) {
        if (index > 0 && item.partNumber <= list[index - 1]!.partNumber) {
          throw new StorageError(400, 'InvalidPartOrder', 'The list of parts was not in ascending order. Parts must be ordered by part number.', { UploadId: uploadId })
        }
        const part = upload.parts.get(item.partNumber)
        if (!part || unquote(part.etag) !== unquote(item.etag)) {
          throw new StorageError(
            400,
            'InvalidPart',
            "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.",
            { UploadId: uploadId, PartNumber: item.partNumber, ETag: item.etag },
          )
        }
        if (upload.checksumType === 'COMPOSITE' && item.checksum === undefined) {
          throw new StorageError(400, 'InvalidRequest', `The upload was created using a ${upload.checksumAlgorithm} checksum. The complete request must include the checksum for each part. It was missing for part ${item.partNumber} in the request.`)
        }
        if (item.checksum !== undefined && item.checksum !== part.checksum) {
          throw new StorageError(400, 'InvalidPart', `The ${upload.checksumAlgorithm ?? 'given'} checksum of part ${item.partNumber} does not match the one it was uploaded with.`, {
            UploadId: uploadId,
            PartNumber: item.partNumber,
          })
        }
        chosen.push(part)
      }
      for (const part of chosen.slice(0, -1)) {
        if (part.size < upload.minPartSize) {
          throw new StorageError(400, 'EntityTooSmall', 'Your proposed upload is smaller than the minimum allowed object size.', {
            ProposedSize: part.size,
            MinSizeAllowed: upload.minPartSize,
            PartNumber: part.partNumber,
            ETag: part.etag,
          })
        }
      }
      // Claim the upload before the slow part, so a concurrent complete or abort sees it gone.
      upload.state = 'completed'
      try {
        return await assemble(upload, chosen)
      } catch (error) {
        upload.state = 'open'
        throw error
      }
    },

    /** AbortMultipartUpload (§2.5): drops the parts; the id is gone afterwards. */
    async abort(bucket: string, key: string, uploadId: string): Promise<void> {
      const upload = open(bucket, key, uploadId)
      upload.state = 'aborted'
      upload.parts.clear()
      await rm(path.join(options.partsDir, upload.uploadId), { recursive: true, force: true })
    },
  }

  async function assemble(upload: Upload, parts: StoredPart[]): Promise<CompletedObject> {
    const file = options.objects.locate(`${upload.bucket}/${upload.key}`)
    await mkdir(path.dirname(file), { recursive: true })
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
    const crc32c = await createDigest('CRC32C')
    const full = upload.checksumType === 'FULL_OBJECT' && upload.checksumAlgorithm ? await createDigest(upload.checksumAlgorithm) : undefined
    const out = createWriteStream(temp)
    let size = 0
    for (const part of parts) {
      for await (const chunk of createReadStream(part.file)) {
        const bytes = chunk as Buffer
        crc32c.update(bytes)
        full?.update(bytes)
        size += bytes.length
        if (!out.write(bytes)) await new Promise<void>((r) => out.once('drain', () => r()))
      }
    }
    out.end()
    await finished(out)
    await rename(temp, file)
    await rm(path.join(options.partsDir, upload.uploadId), { recursive: true, force: true })
    upload.parts.clear()

    const etag = `"${createHash('md5').update(Buffer.concat(parts.map((p) => p.md5))).digest('hex')}-${parts.length}"`
    const result: CompletedObject = { bucket: upload.bucket, key: upload.key, etag, size, crc32c: crc32c.base64(), file }
    if (upload.checksumAlgorithm && upload.checksumType) {
      const value = full ? full.base64() : await compositeChecksum(upload.checksumAlgorithm, parts.map((p) => p.checksum ?? ''))
      result.checksum = { algorithm: upload.checksumAlgorithm, type: upload.checksumType, value }
    }
    return result
  }
}

export type UploadRegistry = ReturnType<typeof createUploadRegistry>
