import { badResponse, expectObject } from '../http/validate'
import { type TimedUrl, isHttpUrl, isNearExpiry, presignedExpiry } from '../http/presigned-part'

/** Signed part URLs of one Drime upload, cached until near expiry; one signing call per batch. */
export interface DrimeUrlCache {
  urls: Map<number, TimedUrl>
  signing: Map<number, Promise<void>>
}

export const newDrimeUrlCache = (): DrimeUrlCache => ({ urls: new Map(), signing: new Map() })

/** BeDrive signs for 30 minutes (drime.md §3.2, INFERRED for Drime): used when a URL does not say. */
const DEFAULT_TTL_MS = 30 * 60_000

/**
 * The URL for one part. Signing goes in batches ahead of need (this part and the next parts
 * without a usable URL, wrapping round), so N parts cost about N / batchSize signing calls.
 * `refresh` drops this part's URL first (the storage said it expired).
 */
export async function drimePartUrl(opts: {
  cache: DrimeUrlCache
  partNumber: number
  /** Part numbers of the upload that still need sending, in order. */
  pending: () => number[]
  batchSize: number
  marginMs: number
  refresh: boolean
  sign: (partNumbers: number[]) => Promise<unknown>
}): Promise<TimedUrl> {
  const { cache, partNumber } = opts
  const usable = (n: number) => {
    const url = cache.urls.get(n)
    return url !== undefined && !isNearExpiry(url, Date.now(), opts.marginMs)
  }
  if (opts.refresh) cache.urls.delete(partNumber)
  else if (usable(partNumber)) return cache.urls.get(partNumber)!
  let waiting = cache.signing.get(partNumber)
  if (!waiting) {
    const numbers = [partNumber]
    const pending = opts.pending()
    const start = Math.max(0, pending.indexOf(partNumber))
    for (let step = 1; step < pending.length && numbers.length < opts.batchSize; step++) {
      const n = pending[(start + step) % pending.length]!
      if (n !== partNumber && !usable(n) && !cache.signing.has(n)) numbers.push(n)
    }
    waiting = signBatch(opts, numbers).finally(() => numbers.forEach((n) => cache.signing.delete(n)))
    numbers.forEach((n) => cache.signing.set(n, waiting!))
  }
  await waiting
  const signed = cache.urls.get(partNumber)
  if (!signed) throw badResponse(`batch-sign-part-urls gave no URL for part ${partNumber}`)
  return signed
}

async function signBatch(opts: Parameters<typeof drimePartUrl>[0], numbers: number[]): Promise<void> {
  const answer = expectObject(await opts.sign(numbers), 'batch-sign-part-urls')
  if (!Array.isArray(answer.urls)) throw badResponse('batch-sign-part-urls.urls is not a list')
  const receivedAt = Date.now()
  for (const raw of answer.urls) {
    const entry = expectObject(raw, 'batch-sign-part-urls.urls[]')
    if (typeof entry.partNumber !== 'number' || !isHttpUrl(entry.url)) throw badResponse('a signed URL lacks partNumber or url')
    if (!numbers.includes(entry.partNumber)) continue
    opts.cache.urls.set(entry.partNumber, {
      url: entry.url,
      receivedAt,
      expiresAt: presignedExpiry(entry.url, receivedAt) ?? receivedAt + DEFAULT_TTL_MS,
    })
  }
}
