import { UploadError } from '../errors'
import type { IssuedUrl, UrlRequestPart } from './part-url-source'
import { isNearExpiry, presignedExpiry } from './url-expiry'

/** A URL the engine holds, with what it knows of its life. */
export interface BookedUrl extends IssuedUrl {
  receivedAt: number
  expiresAt: number | undefined
  /** Which fetch it came from: URLs of one fetch are issued together and go stale together. */
  generation: number
}

/** Gets URLs for these parts (the answer may hold more, which are kept); undefined = none can be had. */
export type FetchUrls = ((parts: readonly UrlRequestPart[]) => Promise<readonly IssuedUrl[]>) | undefined

export interface UrlBookOptions {
  /** URLs asked for ahead of need in one call. */
  batchSize: number
  /** Most URLs one call may ask for: a refresh after an expiry asks for every stale one up to this. */
  maxBatch: number
  /** Lifetime of a URL that says nothing of its own, ms (undefined: taken to live until refused). */
  lifetimeMs: number | undefined
  /** A URL with less than this to live (or past half its life) is fetched again before use, ms. */
  marginMs: number
  now?: () => number
}

/**
 * The part URLs of one upload, owned by the engine. It fetches them just in time, in batches
 * (the part a lane needs and the next ones without a usable URL), refreshes a URL before it
 * expires, and, on the first answer saying one expired, takes every URL issued at the same
 * time or earlier as stale: they are fetched again in one call before any of them is sent.
 * Parts that need a URL while a fetch covering them is on its way wait for that fetch.
 */
export function createUrlBook(options: UrlBookOptions) {
  const now = options.now ?? Date.now
  const urls = new Map<number, BookedUrl>()
  const fetching = new Map<number, Promise<void>>()
  let generation = 0
  /** URLs of this generation or older are stale (an answer said one of them expired). */
  let staleUpTo = 0
  /** The next fetch refreshes stale URLs: it asks for as many as one call may. */
  let refreshing = false
  let fetches = 0

  const usable = (url: BookedUrl | undefined): url is BookedUrl =>
    url !== undefined && url.generation > staleUpTo && !isNearExpiry(url, now(), options.marginMs)

  function add(issued: readonly IssuedUrl[]): void {
    const receivedAt = now()
    generation++
    for (const url of issued) {
      const expiresAt = url.expiresAt ?? presignedExpiry(url.url, receivedAt) ?? (options.lifetimeMs === undefined ? undefined : receivedAt + options.lifetimeMs)
      urls.set(url.number, { ...url, receivedAt, expiresAt, generation })
    }
  }

  return {
    /** URLs handed out with the upload (at create or resume), issued now. */
    add,

    /**
     * The URL for `part`; `upcoming` lists the parts to be sent after it, in order (batch
     * candidates); `fetch` gets URLs (given per call: it carries the caller's signal).
     */
    async get(part: UrlRequestPart, upcoming: () => readonly UrlRequestPart[], fetch: FetchUrls): Promise<BookedUrl> {
      for (;;) {
        const held = urls.get(part.number)
        if (usable(held)) return held
        const pending = fetching.get(part.number)
        if (pending) {
          await pending
          const fetched = urls.get(part.number)
          if (!fetched || fetched.generation <= staleUpTo) throw missing(part.number)
          return fetched
        }
        if (!fetch) {
          throw new UploadError({ code: 'session-lost', message: 'The upload URLs expired and this API cannot renew them; starting a new upload.' })
        }
        const size = refreshing ? options.maxBatch : options.batchSize
        refreshing = false
        const batch = [part]
        for (const next of upcoming()) {
          if (batch.length >= size) break
          if (next.number !== part.number && !usable(urls.get(next.number)) && !fetching.has(next.number)) batch.push(next)
        }
        const numbers = batch.map((p) => p.number)
        fetches++
        const done = fetch(batch).then(add).finally(() => numbers.forEach((n) => fetching.delete(n)))
        numbers.forEach((n) => fetching.set(n, done))
        await done
        if (!urls.has(part.number) || urls.get(part.number)!.generation <= staleUpTo) throw missing(part.number)
      }
    },

    /**
     * An answer said `url` expired: it, and every URL issued with it or before it, is stale.
     * (A URL from a later fetch than the last expiry is fresh already: nothing more to do.)
     */
    expired(url: BookedUrl): void {
      if (url.generation <= staleUpTo) return
      staleUpTo = url.generation
      refreshing = true
    },

    /** Whether a usable URL for this part is held or on its way (no need to ask for it again). */
    covers: (number: number) => usable(urls.get(number)) || fetching.has(number),

    /** Drop what is held for these numbers (a small file sent: its URL is not needed again). */
    forget(numbers: Iterable<number>): void {
      for (const number of numbers) urls.delete(number)
    },

    /** How many fetches were made (for tests and measurements). */
    get fetches() {
      return fetches
    },
  }
}

export type UrlBook = ReturnType<typeof createUrlBook>

function missing(number: number): UploadError {
  return new UploadError({ code: 'bad-response', message: `The server gave no URL for part ${number}.` })
}
