import { UploadError } from '../errors'
import type { FileInfo, SingleUrlSource } from '../types'
import { type BookedUrl, createUrlBook } from '../urls/url-book'
import { callApi } from './api-call'

/**
 * URLs for small files, signed many at once (SingleUrlSource): one book per uploader, keyed by a
 * number the engine gives each file. The file about to be sent asks; the call also signs the
 * next small files in the queue (up to the API's cap), so most files find their URL waiting
 * and no file pays a signer round trip of its own. Expiry is handled by the same URL book as
 * part URLs: refreshed ahead of time, and after one expired answer every URL issued with it is
 * fetched again in one call. A file the API refuses alone fails with the API's own error.
 */
export interface SmallFileUrls {
  /** The URL for `file`; `upcoming` lists the small files to be sent after it (batch candidates). */
  get(file: FileInfo, upcoming: () => readonly FileInfo[]): Promise<BookedUrl>
  /** An answer said this URL expired: it and every URL issued with it are fetched again before use. */
  expired(url: BookedUrl): void
  /** The file was sent (or given up): its URL is dropped. */
  forget(file: FileInfo): void
  /** Signer calls made (for tests and measurements). */
  readonly fetches: number
}

export function createSmallFileUrls(source: SingleUrlSource, apiTimeoutMs: number): SmallFileUrls {
  const book = createUrlBook({ batchSize: source.maxBatch, maxBatch: source.maxBatch, lifetimeMs: undefined, marginMs: source.marginMs ?? 60_000 })
  const numbers = new WeakMap<FileInfo, number>()
  const files = new Map<number, FileInfo>()
  const refusals = new Map<number, UploadError>()
  let last = 0
  const numberOf = (file: FileInfo) => {
    let number = numbers.get(file)
    if (number === undefined) {
      number = ++last
      numbers.set(file, number)
    }
    files.set(number, file)
    return number
  }

  // A batch serves many files: no one file's cancel may abort it, so it has only its deadline.
  const fetch = async (parts: ReadonlyArray<{ number: number }>) => {
    const asked = parts.map(({ number }) => ({ number, file: files.get(number)! }))
    const answers = await callApi((ctx) => source.fetch(asked, ctx), new AbortController().signal, apiTimeoutMs, 'the upload URLs')
    if (answers.length !== asked.length) {
      throw new UploadError({ code: 'bad-response', message: `The server signed ${answers.length} upload URLs for ${asked.length} files.` })
    }
    return answers.flatMap((answer, i) => {
      if (answer instanceof UploadError) {
        refusals.set(asked[i]!.number, answer)
        return []
      }
      return [{ ...answer, number: asked[i]!.number }]
    })
  }

  return {
    async get(file, upcoming) {
      const number = numberOf(file)
      const refused = refusals.get(number)
      if (refused) throw refused
      const next = () => upcoming().map((f) => ({ number: numberOf(f), offset: 0, size: f.size }))
      try {
        return await book.get({ number, offset: 0, size: file.size }, next, fetch)
      } catch (error) {
        throw refusals.get(number) ?? error
      }
    },
    expired: (url) => book.expired(url),
    forget(file) {
      const number = numbers.get(file)
      if (number === undefined) return
      files.delete(number)
      refusals.delete(number)
      book.forget([number])
    },
    get fetches() {
      return book.fetches
    },
  }
}
