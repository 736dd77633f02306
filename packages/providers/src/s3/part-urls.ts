import type { PreparedPart } from '@uplink/core'
import { badResponse, expectObject } from '../http/validate'
import { type S3Checksum, partChecksumValue, s3Algorithm } from './checksum'
import type { S3Session } from './session'
import { uploadParams } from './upload-params'

export interface PartUrl {
  url: string
  headers: Record<string, string>
  expiresAt: number | undefined
}

/** Presigned part URLs of one upload, cached until near expiry. */
export interface PartUrlCache {
  urls: Map<number, PartUrl>
  signing: Map<number, Promise<void>>
}

export const newPartUrlCache = (): PartUrlCache => ({ urls: new Map(), signing: new Map() })

type Call = (path: string, signal: AbortSignal) => Promise<unknown>

/**
 * Get the URL for a part. Without additional checksums, URLs are signed in batches ahead of
 * need (this part and the next unsigned ones, wrapping round). With them, each part's checksum
 * is signed into its own URL, so a part is signed once its bytes are hashed.
 */
export async function partUrl(opts: {
  session: S3Session
  part: PreparedPart
  checksum: S3Checksum
  batchSize: number
  marginMs: number
  refresh: boolean
  signal: AbortSignal
  call: Call
}): Promise<PartUrl> {
  const { part } = opts
  const { cache } = opts.session
  const cached = cache.urls.get(part.number)
  const fresh = cached && (cached.expiresAt === undefined || cached.expiresAt - opts.marginMs > Date.now())
  if (!opts.refresh && fresh) return cached
  if (opts.refresh) cache.urls.delete(part.number)
  let pending = cache.signing.get(part.number)
  if (!pending) {
    const numbers = [part.number]
    if (!s3Algorithm(opts.checksum)) {
      const { partCount } = opts.session
      for (let step = 1; step < partCount && numbers.length < opts.batchSize; step++) {
        const n = ((part.number - 1 + step) % partCount) + 1
        if (!cache.urls.has(n) && !cache.signing.has(n)) numbers.push(n)
      }
    }
    pending = signBatch(opts, numbers).finally(() => numbers.forEach((n) => cache.signing.delete(n)))
    numbers.forEach((n) => cache.signing.set(n, pending!))
  }
  await pending
  const signed = cache.urls.get(part.number)
  if (!signed) throw badResponse(`no URL for part ${part.number}`)
  return signed
}

async function signBatch(opts: Parameters<typeof partUrl>[0], numbers: number[]): Promise<void> {
  const algorithm = s3Algorithm(opts.checksum)
  let query = `${uploadParams(opts.session)}&partNumbers=${numbers.join(',')}`
  if (algorithm) {
    const value = partChecksumValue(opts.part, opts.checksum)
    if (!value) throw badResponse(`part ${opts.part.number} has no ${algorithm} checksum`)
    query += `&checksumAlgorithm=${algorithm}&checksums=${encodeURIComponent(value)}`
  }
  const answer = expectObject(await opts.call(`/s3/multipart/${encodeURIComponent(opts.session.uploadId)}/batch?${query}`, opts.signal), 'batch')
  const urls = expectObject(answer.presignedUrls, 'batch.presignedUrls')
  const headers = answer.headers === undefined ? {} : expectObject(answer.headers, 'batch.headers')
  const expiresAt = typeof answer.expiresAt === 'number' ? answer.expiresAt : undefined
  for (const number of numbers) {
    const url = urls[String(number)]
    if (typeof url !== 'string' || !/^https?:\/\//.test(url)) throw badResponse(`no URL for part ${number}`)
    opts.session.cache.urls.set(number, { url, headers: stringHeaders(headers[String(number)]), expiresAt })
  }
}

function stringHeaders(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
}
