import { randomBytes } from 'node:crypto'
import { copyFile, link, mkdir, rm } from 'node:fs/promises'
import path from 'node:path'
import type { ObjectStore } from '../../kit/stored-objects'
import { createObjectStore } from '../../kit/stored-objects'
import type { VendorContext, VendorModule } from '../../kit/vendor'
import type { BucketOptions } from './part-put'
import { GiB } from './part-put'
import { createPresigner, encodeKey } from './presign'
import { createStorageApp } from './storage-app'
import type { CompletedObject, UploadOptions } from './uploads'
import { createUploadRegistry, MiB } from './uploads'

export interface FakeStorageOptions {
  /** Minimum size of non-last parts at complete (§2.4); vendors and tests may lower it. Default 5 MiB. */
  minPartSize?: number
  /** ListParts page size (§2.3). Default 1000. */
  listPageSize?: number
  /** Largest part accepted (§3). Default 5 GiB. */
  maxPartSize?: number
  /** Whether CORS exposes ETag. Default true (env UPLINK_STORAGE_EXPOSE_ETAG=0 turns it off). */
  exposeEtag?: boolean
  /** HMAC secret for presigned URLs. Default: random per start, so old URLs die with the process. */
  secret?: string
  /** Clock, for expiry tests. */
  now?: () => number
}

/** A fault rule with exactly this route turns the ETag exposure off while it is set. */
export const NO_EXPOSE_ETAG_ROUTE = 'storage.no-expose-etag'

/**
 * An S3-like storage (s3.md §7) that the presigned-URL vendors (Drime, Archetype, Gjirafa)
 * hand to browsers. Vendor modules call it as their backend would call S3; browsers PUT parts
 * to `<publicUrl>/storage/<bucket>/<key>?partNumber=…&uploadId=…&X-Amz-…`. Part bytes live in
 * `<dataDir>/storage/parts/`, finished objects in `<dataDir>/storage/objects/<bucket>/<key>`
 * (GET /__inspect/storage?key=<bucket>/<key>).
 */
export function createFakeStorage(context: VendorContext, options: FakeStorageOptions = {}) {
  const now = options.now ?? Date.now
  const objects = createObjectStore(context.dataDir, 'storage')
  const presigner = createPresigner(options.secret ?? randomBytes(32).toString('hex'), now, (issuedAt) => context.faults.isUrlExpired(issuedAt))
  const buckets = new Map<string, BucketOptions>()
  const registry = createUploadRegistry({
    partsDir: path.join(context.dataDir, 'storage', 'parts'),
    objects,
    faults: context.faults,
    minPartSize: options.minPartSize ?? 5 * MiB,
    listPageSize: options.listPageSize ?? 1000,
  })
  const exposeByDefault = options.exposeEtag ?? process.env.UPLINK_STORAGE_EXPOSE_ETAG !== '0'
  const app = createStorageApp({
    presigner,
    registry,
    buckets,
    faults: context.faults,
    maxPartSize: options.maxPartSize ?? 5 * GiB,
    exposeEtag: () => exposeByDefault && !context.faults.list().some((r) => r.route === NO_EXPOSE_ETAG_ROUTE),
  })
  const module: VendorModule = { name: 'storage', app, objects }

  return {
    module,
    now,
    /** A vendor's bucket (its namespace in the storage). */
    defineBucket(name: string, bucketOptions: BucketOptions = {}) {
      buckets.set(name, bucketOptions)
    },
    createUpload(input: UploadOptions) {
      if (!buckets.has(input.bucket)) throw new Error(`unknown bucket ${input.bucket}`)
      return registry.create(input)
    },
    /** A presigned UploadPart URL and when it expires (epoch ms). */
    presignPart(input: {
      bucket: string
      key: string
      uploadId: string
      partNumber: number
      ttlSeconds: number
      /** Headers the PUT must carry with these values (e.g. x-amz-checksum-crc32c). */
      signedHeaders?: Record<string, string>
      /** Extra signed query parameters (e.g. the x-amz-checksum-crc32 an SDK presigner adds). */
      queryParams?: Record<string, string>
    }) {
      const { query, expiresAt } = presigner.sign({
        method: 'PUT',
        bucket: input.bucket,
        key: input.key,
        params: { partNumber: String(input.partNumber), uploadId: input.uploadId, ...input.queryParams },
        ttlSeconds: input.ttlSeconds,
        ...(input.signedHeaders ? { signedHeaders: input.signedHeaders } : {}),
      })
      return { url: `${this.objectUrl(input.bucket, input.key)}?${query}`, expiresAt }
    },
    /** A presigned PutObject URL (a whole object in one PUT) and when it expires (epoch ms). */
    presignObject(input: { bucket: string; key: string; ttlSeconds: number; signedHeaders?: Record<string, string> }) {
      const { query, expiresAt } = presigner.sign({
        method: 'PUT',
        bucket: input.bucket,
        key: input.key,
        params: {},
        ttlSeconds: input.ttlSeconds,
        ...(input.signedHeaders ? { signedHeaders: input.signedHeaders } : {}),
      })
      return { url: `${this.objectUrl(input.bucket, input.key)}?${query}`, expiresAt }
    },
    /** Where an object lives (the "location" S3 reports). */
    objectUrl: (bucket: string, key: string) => `${context.publicUrl}/storage/${encodeURIComponent(bucket)}/${encodeKey(key)}`,
    listParts: registry.listParts,
    complete: registry.complete,
    abort: registry.abort,
    /** Give a finished object a name in a vendor's own store (hard link; copy across devices). */
    async publish(object: Pick<CompletedObject, 'file'>, target: ObjectStore, targetKey: string) {
      const file = target.locate(targetKey)
      await mkdir(path.dirname(file), { recursive: true })
      await rm(file, { force: true })
      try {
        await link(object.file, file)
      } catch {
        await copyFile(object.file, file)
      }
    },
  }
}

export type FakeStorage = ReturnType<typeof createFakeStorage>
