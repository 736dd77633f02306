import { describe, expect, it } from 'vitest'
import type { IssuedUrl, UrlRequestPart } from './part-url-source'
import { createUrlBook } from './url-book'

const parts: UrlRequestPart[] = Array.from({ length: 12 }, (_, i) => ({ number: i + 1, offset: i * 10, size: 10 }))

/** A signer that records each call and answers URLs living `ttl` seconds (X-Amz-Expires). */
function signer(ttl = 900) {
  const calls: number[][] = []
  let serial = 0
  const fetch = async (asked: readonly UrlRequestPart[]): Promise<IssuedUrl[]> => {
    calls.push(asked.map((p) => p.number))
    serial++
    return asked.map((p) => ({ number: p.number, url: `https://s3.test/k?partNumber=${p.number}&v=${serial}&X-Amz-Expires=${ttl}` }))
  }
  return { fetch, calls }
}

describe('the URL book', () => {
  it('fetches just in time, in batches of the part asked for and the next ones without a URL', async () => {
    const { fetch, calls } = signer()
    const book = createUrlBook({ batchSize: 4, maxBatch: 100, lifetimeMs: undefined, marginMs: 60_000 })
    const upcoming = (after: number) => () => parts.slice(after)
    expect((await book.get(parts[0]!, upcoming(1), fetch)).url).toContain('partNumber=1&v=1')
    for (let i = 1; i < 4; i++) await book.get(parts[i]!, upcoming(i + 1), fetch)
    expect(calls).toEqual([[1, 2, 3, 4]])
    await book.get(parts[4]!, upcoming(5), fetch)
    expect(calls).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]])
  })

  it('lanes asking at once for parts of one batch share one call', async () => {
    const { fetch, calls } = signer()
    const book = createUrlBook({ batchSize: 4, maxBatch: 100, lifetimeMs: undefined, marginMs: 60_000 })
    const after = (i: number) => () => parts.slice(i + 1)
    const got = await Promise.all([0, 1, 2, 3].map((i) => book.get(parts[i]!, after(i), fetch)))
    expect(got.map((u) => u.number)).toEqual([1, 2, 3, 4])
    expect(calls).toEqual([[1, 2, 3, 4]])
    // The fifth lane's part was not in that batch: the next call starts from it.
    await Promise.all([4, 5].map((i) => book.get(parts[i]!, after(i), fetch)))
    expect(calls).toEqual([[1, 2, 3, 4], [5, 6, 7, 8]])
  })

  it('refreshes a URL near its expiry before it is used', async () => {
    const { fetch, calls } = signer(10)
    let clock = 0
    const book = createUrlBook({ batchSize: 2, maxBatch: 100, lifetimeMs: undefined, marginMs: 60_000, now: () => clock })
    await book.get(parts[0]!, () => parts.slice(1), fetch)
    clock = 4_000 // 6 s left of 10: still more than half its life
    await book.get(parts[1]!, () => parts.slice(2), fetch)
    expect(calls).toEqual([[1, 2]])
    clock = 5_001 // past half its life
    expect((await book.get(parts[1]!, () => parts.slice(2), fetch)).url).toContain('v=2')
    expect(calls).toEqual([[1, 2], [2, 3]])
  })

  it('on an expired answer takes every URL issued with it or before as stale, and refreshes them in one call', async () => {
    const { fetch, calls } = signer()
    const book = createUrlBook({ batchSize: 3, maxBatch: 100, lifetimeMs: undefined, marginMs: 60_000 })
    const first = await book.get(parts[0]!, () => parts.slice(1), fetch) // 1, 2, 3
    await book.get(parts[3]!, () => parts.slice(4), fetch) // 4, 5, 6
    const refused = await book.get(parts[4]!, () => parts.slice(5), fetch)
    book.expired(refused)
    // Part 5's URL came from the second call: it and everything issued before are stale; one call
    // asks for every part still to send without a usable URL, beyond the usual batch size.
    const fresh = await book.get(parts[4]!, () => parts.slice(5), fetch)
    expect(fresh.url).toContain('v=3')
    expect(calls.at(-1)).toEqual([5, 6, 7, 8, 9, 10, 11, 12])
    // Part 1's URL (older still) is stale too; its lane refreshes with the next batch size.
    book.expired(first) // an older URL failing later changes nothing: it is stale already
    expect((await book.get(parts[1]!, () => [], fetch)).url).toContain('v=4')
    expect(calls.length).toBe(4)
    // Parts 6.. have fresh URLs: a lane whose stale URL failed meanwhile takes them without a call.
    book.expired(refused)
    expect((await book.get(parts[5]!, () => [], fetch)).url).toContain('v=3')
    expect(calls.length).toBe(4)
  })

  it('keeps every URL an answer holds, asked for or not (an API handing out all of them)', async () => {
    const calls: number[][] = []
    const all = async (asked: readonly UrlRequestPart[]) => {
      calls.push(asked.map((p) => p.number))
      return parts.map((p) => ({ number: p.number, url: `https://s3.test/${p.number}`, expiresAt: Date.now() + 3_600_000 }))
    }
    const book = createUrlBook({ batchSize: 1, maxBatch: Infinity, lifetimeMs: undefined, marginMs: 60_000 })
    for (const part of parts) await book.get(part, () => [], all)
    expect(calls).toEqual([[1]])
  })

  it('without a way to fetch, a missing or stale URL means a new upload (session-lost)', async () => {
    const book = createUrlBook({ batchSize: 1, maxBatch: 1, lifetimeMs: undefined, marginMs: 60_000 })
    book.add([{ number: 1, url: 'https://storage.test/0' }])
    const url = await book.get(parts[0]!, () => [], undefined)
    book.expired(url)
    await expect(book.get(parts[0]!, () => [], undefined)).rejects.toMatchObject({ code: 'session-lost' })
  })

  it('a fetch that leaves out the part asked for is a bad response', async () => {
    const book = createUrlBook({ batchSize: 1, maxBatch: 1, lifetimeMs: undefined, marginMs: 60_000 })
    await expect(book.get(parts[0]!, () => [], async () => [])).rejects.toMatchObject({ code: 'bad-response' })
  })
})
