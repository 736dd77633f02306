import { afterEach, describe, expect, it, vi } from 'vitest'
import { UploadError } from '../errors'
import type { FileInfo, IssuedUrl, PartRequest, PartRequestReason, PreparedPart, SingleRequestPath, SingleUrlSource, UploadProvider } from '../types'
import { answer, engineDeps, fileRun, recordingTransport, textHasher } from '../testing/engine-fakes'
import { recordingProvider } from '../testing/fakes'
import { sendWhole, smallFileUrlsOf } from './single-request'

// sendWhole alone: a small file in one request. What it reads and sends, the request it asks
// the provider for on each attempt (and with which URL, where the API signs many at once), the
// progress it reports, and how a file that changed fails.

interface Asked {
  part: PreparedPart
  reason: PartRequestReason
  url: IssuedUrl | undefined
}

function singlePath(options: { maxSize?: number; urls?: SingleUrlSource; expiresAt?: number } = {}) {
  const asked: Asked[] = []
  const single: SingleRequestPath = {
    maxSize: options.maxSize ?? 1024,
    ...(options.urls ? { urls: options.urls } : {}),
    async request(_file, part, ctx) {
      asked.push({ part, reason: ctx.reason, url: ctx.url })
      return { method: 'PUT', url: ctx.url?.url ?? 'https://storage.test/a.txt', headers: {}, ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }) }
    },
    result: (file, response) => ({ key: file.name, etag: response.header('ETag') ?? '' }),
  }
  return { single, asked }
}

/** A signer of small-file URLs: each call's URLs carry the call's number; `expiresAt` per call. */
function signer(expiresAt: (call: number) => number | undefined = () => undefined, maxBatch = 5) {
  const calls: string[][] = []
  const urls: SingleUrlSource = {
    maxBatch,
    async fetch(files) {
      calls.push(files.map(({ file }) => file.name))
      const call = calls.length
      const at = expiresAt(call)
      return files.map(({ number, file }) => ({ number, url: `https://signed.test/${file.name}?call=${call}`, ...(at === undefined ? {} : { expiresAt: at }) }))
    },
  }
  return { urls, calls }
}

const providerWith = (single: SingleRequestPath, extra: Partial<UploadProvider> = {}): UploadProvider => ({ ...recordingProvider(), singleRequest: single, ...extra })

describe('sendWhole', () => {
  afterEach(() => vi.useRealTimers())

  it('sends the file in one request and resolves with what the provider reads from the answer', async () => {
    const { single, asked } = singlePath()
    const { transport, sent } = recordingTransport(() => answer(200, { etag: '"whole"' }))
    const { run, progress } = fileRun('abcd')
    const result = await sendWhole(engineDeps(providerWith(single), { transport }), run, single)
    expect(result).toEqual({ key: 'a.txt', etag: '"whole"' })
    expect(sent.map((s) => [s.request.url, s.text])).toEqual([['https://storage.test/a.txt', 'abcd']])
    expect(asked).toEqual([{ part: { number: 1, offset: 0, size: 4, checksums: {} }, reason: 'first', url: undefined }])
    // Progress: from 0 at the attempt, the bytes as they go, then the file done.
    expect(progress).toEqual([
      { bytesSent: 0, partsDone: 0, partsTotal: 1 },
      { bytesSent: 4, partsDone: 0, partsTotal: 1 },
      { bytesSent: 4, partsDone: 1, partsTotal: 1 },
    ])
  })

  it('sends the bytes the file had when it was added, no more', async () => {
    const { single } = singlePath()
    const { transport, sent } = recordingTransport()
    const { run } = fileRun('abcdef', { info: { size: 4 } })
    await sendWhole(engineDeps(providerWith(single), { transport }), run, single)
    expect(sent.map((s) => s.text)).toEqual(['abcd'])
  })

  it('fails as file-changed, sending nothing, when the file is shorter than it was', async () => {
    const { single } = singlePath()
    const { transport, sent } = recordingTransport()
    const { run } = fileRun('ab', { info: { size: 4, name: 'shrunk.txt' } })
    const failure = sendWhole(engineDeps(providerWith(single), { transport }), run, single)
    await expect(failure).rejects.toBeInstanceOf(UploadError)
    await expect(failure).rejects.toMatchObject({ code: 'file-changed', message: expect.stringContaining('shrunk.txt read 2 bytes; it had 4') })
    expect(sent).toEqual([])
  })

  it("hashes the file with the provider's part checksum and asks for the request with it", async () => {
    const { single, asked } = singlePath()
    const { hasher, hashed } = textHasher()
    const { run } = fileRun('abcd')
    await sendWhole(engineDeps(providerWith(single, { partChecksum: 'md5' }), { hasher: async () => hasher }), run, single)
    expect(hashed).toEqual([{ text: 'abcd', algorithms: ['md5'] }])
    expect(asked[0]!.part.checksums).toEqual({ md5: { base64: 'md5(abcd)', hex: 'md5:abcd' } })
  })

  it('starts no hasher where the provider wants no part checksum', async () => {
    const { single } = singlePath()
    const { run } = fileRun('abcd')
    // engineDeps' hasher rejects: asking for it would fail the file.
    await expect(sendWhole(engineDeps(providerWith(single)), run, single)).resolves.toMatchObject({ key: 'a.txt' })
  })

  it('names the request that timed out', async () => {
    vi.useFakeTimers()
    const single: SingleRequestPath = { maxSize: 1024, request: () => new Promise<PartRequest>(() => undefined), result: () => ({ key: 'x' }) }
    const { run } = fileRun('abcd')
    const failure = sendWhole(engineDeps(providerWith(single), { apiTimeoutMs: 2_000, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }), run, single)
    failure.catch(() => undefined)
    await vi.advanceTimersByTimeAsync(2_000)
    await expect(failure).rejects.toMatchObject({ code: 'timeout', message: 'The server did not answer the upload URL request within 2 s.' })
  })

  describe('with URLs signed many at once', () => {
    it('asks the signer for its URL and sends to it, then forgets it (the next send signs again)', async () => {
      const { urls, calls } = signer()
      const { single, asked } = singlePath({ urls })
      const { transport, sent } = recordingTransport()
      const deps = engineDeps(providerWith(single), { transport })
      const { run } = fileRun('abcd')
      await sendWhole(deps, run, single)
      expect(asked[0]!.url).toMatchObject({ url: 'https://signed.test/a.txt?call=1' })
      expect(sent.map((s) => s.request.url)).toEqual(['https://signed.test/a.txt?call=1'])
      await sendWhole(deps, run, single)
      expect(calls).toEqual([['a.txt'], ['a.txt']])
      expect(sent.map((s) => s.request.url)).toEqual(['https://signed.test/a.txt?call=1', 'https://signed.test/a.txt?call=2'])
    })

    it('signs the next small files in the queue with it: up to the cap, only those small enough for one request', async () => {
      const { urls, calls } = signer(undefined, 5)
      const { single } = singlePath({ urls, maxSize: 50 })
      const counts: number[] = []
      const queue: FileInfo[] = [50, 51, 100, 10].map((size, i) => ({ name: `next-${i}-${size}`, size, type: '', lastModified: 1 }))
      const { run } = fileRun('abcd', { upcoming: (count, accept) => (counts.push(count), queue.filter(accept).slice(0, count)) })
      await sendWhole(engineDeps(providerWith(single), { singleRequestMaxSize: 100 }), run, single)
      expect(counts).toEqual([4])
      expect(calls).toEqual([['a.txt', 'next-0-50', 'next-3-10']])

      // The uploader's own cap is the smaller one here.
      const second = signer(undefined, 5)
      const { single: bigger } = singlePath({ urls: second.urls, maxSize: 100 })
      const { run: other } = fileRun('abcd', { upcoming: (count, accept) => queue.filter(accept).slice(0, count) })
      await sendWhole(engineDeps(providerWith(bigger), { singleRequestMaxSize: 50 }), other, bigger)
      expect(second.calls).toEqual([['a.txt', 'next-0-50', 'next-3-10']])
    })

    it('works where the run lists no upcoming files', async () => {
      const { urls, calls } = signer()
      const { single } = singlePath({ urls })
      const { run } = fileRun('abcd')
      await sendWhole(engineDeps(providerWith(single)), run, single)
      expect(calls).toEqual([['a.txt']])
    })

    it('after an expired answer, asks for a fresh URL and sends to it', async () => {
      // The first call's URL expired a moment ago (the request carries its expiry), the second lives.
      const { urls, calls } = signer((call) => (call === 1 ? Date.now() - 1 : Date.now() + 3_600_000))
      const { single, asked } = singlePath({ urls })
      const { transport, sent } = recordingTransport((_request, n) => (n === 1 ? answer(403) : answer(200)))
      const { run } = fileRun('abcd')
      await sendWhole(engineDeps(providerWith(single), { transport }), run, single)
      expect(asked.map((a) => a.reason)).toEqual(['first', 'expired'])
      expect(calls).toHaveLength(2)
      expect(sent.map((s) => s.request.url)).toEqual(['https://signed.test/a.txt?call=1', 'https://signed.test/a.txt?call=2'])
    })

    it('a retry after another failure keeps the URL it has', async () => {
      const { urls, calls } = signer()
      const { single, asked } = singlePath({ urls })
      const { transport, sent } = recordingTransport((_request, n) => (n === 1 ? answer(503) : answer(200)))
      const { run } = fileRun('abcd')
      await sendWhole(engineDeps(providerWith(single), { transport }), run, single)
      expect(asked.map((a) => a.reason)).toEqual(['first', 'retry'])
      expect(calls).toHaveLength(1)
      expect(sent.map((s) => s.request.url)).toEqual(['https://signed.test/a.txt?call=1', 'https://signed.test/a.txt?call=1'])
    })

    it("the request carries the URL's expiry unless the provider gives its own", async () => {
      const at = Date.now() + 3_600_000
      const carried = recordingTransport()
      const { urls } = signer(() => at)
      const { single } = singlePath({ urls })
      await sendWhole(engineDeps(providerWith(single), { transport: carried.transport }), fileRun('abcd').run, single)
      expect(carried.sent[0]!.request.expiresAt).toBe(at)

      const own = recordingTransport()
      const { single: withOwn } = singlePath({ urls: signer(() => at).urls, expiresAt: at + 5 })
      await sendWhole(engineDeps(providerWith(withOwn), { transport: own.transport }), fileRun('abcd').run, withOwn)
      expect(own.sent[0]!.request.expiresAt).toBe(at + 5)

      const none = recordingTransport()
      const { single: noExpiry } = singlePath({ urls: signer().urls })
      await sendWhole(engineDeps(providerWith(noExpiry), { transport: none.transport }), fileRun('abcd').run, noExpiry)
      expect('expiresAt' in none.sent[0]!.request).toBe(false)
    })
  })
})

describe('smallFileUrlsOf', () => {
  it('none where the provider has no single-request path or it signs no URLs', () => {
    expect(smallFileUrlsOf(engineDeps(recordingProvider()))).toBeUndefined()
    expect(smallFileUrlsOf(engineDeps(providerWith(singlePath().single)))).toBeUndefined()
  })

  it('one per uploader: the same for the same deps, another for another', () => {
    const { single } = singlePath({ urls: signer().urls })
    const deps = engineDeps(providerWith(single))
    expect(smallFileUrlsOf(deps)).toBeDefined()
    expect(smallFileUrlsOf(deps)).toBe(smallFileUrlsOf(deps))
    expect(smallFileUrlsOf(engineDeps(providerWith(single)))).not.toBe(smallFileUrlsOf(deps))
  })
})
