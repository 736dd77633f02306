import { type ErrorTable, type IssuedUrl, type PartPlan, type PartReceipt, type StoredObject, type StoredUpload, UploadError, classifyAnswer } from '@uplink/core'
import { isHttpUrl } from '../http/presigned-part'
import { everyPartStored, storedReceipts } from '../http/stored-upload'
import { badResponse, expectObject, expectString } from '../http/validate'
import { type S3Session, newSession } from './session'
import { uploadParams } from './upload-params'

// How the S3 adapter reads the signer's answers (s3.md §1-2): the plan it fixed, the URLs it
// signed, the parts it lists on resume. Loaded with the adapter's first call (s3-provider.ts
// imports it lazily), so a page that only shows a drop zone carries the declaration alone.

/**
 * The plan the signer fixed (createS3Signer answers partSize and partCount; a signer without
 * them leaves the engine's plan), checked to cover the file exactly.
 */
export function signerPlan(answer: Record<string, unknown>, size: number, maxParts: number): PartPlan[] | undefined {
  const { partSize, partCount } = answer
  if (partSize === undefined && partCount === undefined) return undefined
  const count = typeof partCount === 'number' && Number.isSafeInteger(partCount) && partCount >= 1 && partCount <= maxParts ? partCount : 0
  const length = typeof partSize === 'number' && Number.isSafeInteger(partSize) && partSize >= 0 ? partSize : -1
  const covers = count > 0 && length >= 0 && (size === 0 ? count === 1 : length > 0 && Math.ceil(size / length) === count)
  if (!covers) throw badResponse(`create: a plan of ${String(partCount)} parts of ${String(partSize)} bytes does not fit a file of ${size} bytes`)
  return Array.from({ length: count }, (_, i) => ({ number: i + 1, offset: i * length, size: Math.min(length, size - i * length) }))
}

/** The session a create answer opens, and the signer's plan when it fixed one. */
export function createdSession(answer: unknown, size: number, plan: readonly PartPlan[], maxParts: number): { session: S3Session; plan?: PartPlan[] } {
  const created = expectObject(answer, 'create')
  const fixed = signerPlan(created, size, maxParts)
  const token = created.token === undefined ? undefined : expectString(created, 'token', 'create')
  const session = newSession(expectString(created, 'key', 'create'), expectString(created, 'uploadId', 'create'), token, (fixed ?? plan).length)
  return fixed ? { session, plan: fixed } : { session }
}

/** A presigned PutObject for a single-request upload: the object's key, the URL, the headers signed into it. */
export function presignedObject(answer: unknown): { key: string; url: string; headers: Record<string, string> } {
  const object = expectObject(answer, 'object')
  const headers = typeof object.headers === 'object' && object.headers !== null ? (object.headers as Record<string, string>) : {}
  return { key: expectString(object, 'key', 'object'), url: expectString(object, 'url', 'object'), headers }
}

/** A presigned PutObject as a URL the engine holds (its number is set by the engine). */
export function issuedObject(object: { key: string; url: string; headers: Record<string, string> }): IssuedUrl {
  return { number: 0, url: object.url, headers: object.headers, key: object.key }
}

/**
 * POST /s3/objects' answer: one presigned PutObject per file asked for, in order, or the refusal
 * of that file alone, read as the same refusal from POST /s3/object would be (the error table).
 */
export function presignedObjects(answer: unknown, count: number, errors: ErrorTable): Array<IssuedUrl | UploadError> {
  const objects = expectObject(answer, 'objects').objects
  if (!Array.isArray(objects) || objects.length !== count) throw badResponse(`objects: ${count} presigned objects expected`)
  return objects.map((raw) => {
    const item = expectObject(raw, 'object')
    if (item.error !== undefined) {
      const refusal = expectObject(item.error, 'object.error')
      const status = typeof refusal.status === 'number' ? refusal.status : 400
      return classifyAnswer({ status, body: JSON.stringify({ error: refusal }), header: () => null }, errors, { what: '/s3/objects', on: 'call' })
    }
    return issuedObject(presignedObject(item))
  })
}

/**
 * Presigned PutObjects for many small files: one POST /s3/objects, or, for a signer without that
 * route (it answers 404 or 405; s3.md §1 has none), one POST /s3/object per file from then on.
 */
export async function signObjects(
  described: unknown[],
  post: (path: string, body: unknown) => Promise<unknown>,
  signer: { signsMany: boolean },
  errors: ErrorTable,
): Promise<Array<IssuedUrl | UploadError>> {
  if (signer.signsMany) {
    try {
      return presignedObjects(await post('/s3/objects', { files: described }), described.length, errors)
    } catch (error) {
      if (!(error instanceof UploadError && (error.status === 404 || error.status === 405))) throw error
      signer.signsMany = false
    }
  }
  return Promise.all(described.map(async (body) => issuedObject(presignedObject(await post('/s3/object', body)))))
}

/** What a completion answered: the object's key, its URL (the signer's location) and its ETag. */
export function completedObject(answer: unknown, session: S3Session): StoredObject {
  const completed = expectObject(answer, 'complete')
  return {
    key: session.key,
    ...(isHttpUrl(completed.location) ? { url: completed.location } : {}),
    ...(typeof completed.etag === 'string' ? { etag: completed.etag } : {}),
  }
}

/**
 * Resume a stored upload from what the signer lists (server truth). `get` calls the signer; with
 * an additional checksum algorithm, a part whose checksum was not stored is sent again.
 */
export async function resumeS3Upload(
  stored: StoredUpload,
  algorithm: string | undefined,
  get: (path: string) => Promise<unknown>,
): Promise<{ session: S3Session; done: PartReceipt[] } | null> {
    const snapshot = expectObject(stored.snapshot, 'stored session')
    const token = snapshot.token === undefined ? undefined : expectString(snapshot, 'token', 'stored')
    const session = newSession(expectString(snapshot, 'key', 'stored'), expectString(snapshot, 'uploadId', 'stored'), token, stored.plan.length)
    let listed: unknown
    try {
      listed = await get(`/s3/multipart/${encodeURIComponent(session.uploadId)}?${uploadParams(session)}`)
    } catch (error) {
      // 403: the token expired or is not this user's any more; 404: the upload is gone.
      if (!(error instanceof UploadError && (error.status === 403 || error.status === 404 || error.status === 501 || error.status === 405))) throw error
      // Gone with every part stored: the page closed while completing. Complete again (the
      // signer then finds the object), never upload again; an aborted upload starts over there.
      return error.status === 404 && everyPartStored(stored, true) ? { session, done: storedReceipts(stored) } : null
    }
    if (!Array.isArray(listed)) throw badResponse('the part list is not a list')
    // Server truth: keep only parts whose size matches the plan (a torn part is sent again);
    // their checksums come from what was stored when they were sent.
    const sizes = new Map(stored.plan.map((p) => [p.number, p.size]))
    const storedChecksums = new Map(stored.receipts.map((r) => [r.number, r.checksum]))
    const done: PartReceipt[] = []
    for (const raw of listed) {
      const part = expectObject(raw, 'listed part')
      const number = part.PartNumber
      const etag = part.ETag
      if (typeof number !== 'number' || typeof etag !== 'string') throw badResponse('a listed part lacks PartNumber or ETag')
      if (sizes.get(number) !== part.Size) continue
      const partChecksumValue = storedChecksums.get(number)
      if (algorithm && !partChecksumValue) continue // its checksum is unknown: send it again
      done.push({ number, size: part.Size as number, token: etag, ...(partChecksumValue ? { checksum: partChecksumValue } : {}) })
    }
    return { session, done }
}

/** The signer's batch answer: `{presignedUrls: {n: url}, headers?: {n: {…}}, expiresAt?}`, one URL per part asked for. */
export function signedUrls(answer: unknown, numbers: readonly number[]): IssuedUrl[] {
  const batch = expectObject(answer, 'batch')
  const urls = expectObject(batch.presignedUrls, 'batch.presignedUrls')
  const headers = batch.headers === undefined ? {} : expectObject(batch.headers, 'batch.headers')
  const expiresAt = typeof batch.expiresAt === 'number' ? batch.expiresAt : undefined
  return numbers.map((number) => {
    const url = urls[String(number)]
    if (!isHttpUrl(url)) throw badResponse(`no URL for part ${number}`)
    // A SigV4 URL says its own lifetime (read against our clock); the signer's expiresAt is its clock's.
    const dated = expiresAt !== undefined && !/[?&]X-Amz-Expires=/.test(url)
    return { number, url, headers: stringHeaders(headers[String(number)]), ...(dated ? { expiresAt } : {}) }
  })
}

function stringHeaders(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
