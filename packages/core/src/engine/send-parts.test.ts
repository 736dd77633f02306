import { afterEach, describe, expect, it, vi } from 'vitest'
import { UploadError } from '../errors'
import type { IssuedUrl, PartPlan, PartRequest, PartUrlSource, UploadProvider, UrlRequestPart } from '../types'
import { answer, engineDeps, fileRun, recordingTransport, textHasher } from '../testing/engine-fakes'
import { recordingProvider } from '../testing/fakes'
import { type EngineDeps, urlBookFor } from './file-run'
import { createLimiter } from './limiter'
import { sendParts } from './send-parts'

// sendParts alone (no uploader): one file's parts through the lanes. Which parts are sent and
// with which request, what each part is hashed with and when, the progress and outcomes
// reported, the URLs asked for where the API hands them out, and how the run ends. Parts are
// 4 bytes of one letter each ('aaaa' is part 1), so a body or a hash names its part.

const letters = 'abcdefghijklmnop'
/** URL expiry instants that need no clock: one long past, one far ahead (epoch ms). */
const LONG_AGO = 1
const FAR_FUTURE = 8_640_000_000_000_000
const fileOf = (parts: number, last = 4) => Array.from({ length: parts }, (_, i) => letters[i]!.repeat(i === parts - 1 ? last : 4)).join('')
const planOf = (text: string): PartPlan[] =>
  Array.from({ length: Math.ceil(text.length / 4) }, (_, i) => ({ number: i + 1, offset: i * 4, size: Math.min(4, text.length - i * 4) }))
/** The part a body or a hash was of, by its letter. */
const partOf = (text: string) => letters.indexOf(text[0]!) + 1

function setUp(text: string, deps: Partial<EngineDeps> = {}, provider: UploadProvider = recordingProvider(), runOptions: Parameters<typeof fileRun>[1] = {}) {
  const file = fileRun(text, runOptions)
  file.run.progress.session = { id: 's1' }
  file.run.progress.plan = planOf(text)
  file.run.progress.urls = urlBookFor(provider, undefined)
  const fullDeps = engineDeps(provider, deps)
  return { ...file, deps: fullDeps, send: () => sendParts(fullDeps, file.run) }
}

/**
 * A transport whose requests each end in the next task (an ordering, not a duration: lanes start
 * on promise callbacks, so every lane that can start has started by then), counting the most
 * that were in flight at once.
 */
function countingInFlight() {
  let inFlight = 0
  let most = 0
  const { transport } = recordingTransport(async () => {
    most = Math.max(most, ++inFlight)
    await new Promise((resolve) => setTimeout(resolve, 0))
    inFlight--
    return answer(200)
  })
  return { transport, most: () => most }
}

describe('sendParts', () => {
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('sends each part once, its own bytes, and reports the bytes of parts done and in flight', async () => {
    const { transport, sent } = recordingTransport()
    const { send, progress, done, run } = setUp(fileOf(3, 2), { transport, concurrency: () => 1 })
    await send()
    expect(sent.map((s) => [s.request.url, s.text])).toEqual([
      ['https://storage.test/s1/1', 'aaaa'],
      ['https://storage.test/s1/2', 'bbbb'],
      ['https://storage.test/s1/3', 'cc'],
    ])
    expect(done).toEqual([1, 2, 3])
    expect([...run.progress.receipts.values()]).toEqual([1, 2, 3].map((n) => ({ number: n, size: n === 3 ? 2 : 4, token: `"https://storage.test/s1/${n}"` })))
    expect([...run.progress.measured]).toEqual([[1, 4], [2, 4], [3, 2]])
    expect(progress.map((p) => `${p.bytesSent}/${p.partsDone}/${p.partsTotal}`)).toEqual([
      '0/0/3',
      ...['0/0/3', '4/0/3', '4/1/3'],
      ...['4/1/3', '8/1/3', '8/2/3'],
      ...['8/2/3', '10/2/3', '10/3/3'],
    ])
  })

  it('on resume sends only the parts the server does not hold, counting the held ones as done', async () => {
    const { transport, sent } = recordingTransport()
    const { send, progress, run } = setUp(fileOf(3), { transport })
    run.progress.receipts.set(2, { number: 2, size: 4, token: 'held' })
    await send()
    expect(sent.map((s) => s.text).sort()).toEqual(['aaaa', 'cccc'])
    expect(progress[0]).toEqual({ bytesSent: 4, partsDone: 1, partsTotal: 3 })
    expect(progress.at(-1)).toEqual({ bytesSent: 12, partsDone: 3, partsTotal: 3 })
  })

  it('runs as many lanes as the uploader allows, capped by the provider and the parts left; each lane leaves when done', async () => {
    for (const [concurrency, maxConcurrency, parts, expected] of [
      [3, undefined, 6, 3],
      [3, 2, 6, 2],
      [4, undefined, 2, 2],
      [0, undefined, 2, 1],
    ] as const) {
      const { transport, most } = countingInFlight()
      const provider: UploadProvider = { ...recordingProvider(), ...(maxConcurrency ? { maxConcurrency } : {}) }
      const { send, activity } = setUp(fileOf(parts), { transport, concurrency: () => concurrency }, provider)
      await send()
      expect(most()).toBe(expected)
      expect(activity.maxLanes).toBe(expected)
      expect(activity.lanes).toBe(0)
    }
  })

  it('a lane holds a global slot while its part is sent: the shared limiter caps parts across lanes', async () => {
    const { transport, most } = countingInFlight()
    const { send } = setUp(fileOf(4), { transport, concurrency: () => 4, limiter: createLimiter(1) })
    await send()
    expect(most()).toBe(1)
  })

  it("hashes each part once with the provider's checksums and sends them; keeps each part's CRC-32C", async () => {
    const { hasher, hashed } = textHasher()
    const { transport } = recordingTransport()
    const asked: Array<Record<string, unknown>> = []
    const base = recordingProvider()
    const provider: UploadProvider = {
      ...base,
      partChecksum: 'md5',
      wholeFileChecksum: 'crc32c',
      partRequest: (session, part, ctx) => (asked.push({ number: part.number, checksums: part.checksums }), base.partRequest(session as { id: string }, part, ctx)),
    }
    const { send, run } = setUp(fileOf(2), { transport, hasher: async () => hasher }, provider)
    await send()
    expect(hashed.map((h) => [h.text, h.algorithms])).toEqual([
      ['aaaa', ['md5', 'crc32c']],
      ['bbbb', ['md5', 'crc32c']],
    ])
    expect(asked).toEqual([1, 2].map((n) => ({ number: n, checksums: { md5: { base64: `md5(${'ab'[n - 1]!.repeat(4)})`, hex: `md5:${'ab'[n - 1]!.repeat(4)}` }, crc32c: { base64: `crc32c(${'ab'[n - 1]!.repeat(4)})`, hex: `crc32c:${'ab'[n - 1]!.repeat(4)}` } } })))
    expect([...run.progress.crc32c]).toEqual([
      [1, 'crc32c:aaaa'],
      [2, 'crc32c:bbbb'],
    ])
  })

  it('with one lane, hashes the next part while this one is sent', async () => {
    const log: string[] = []
    const { hasher, hashed } = textHasher()
    const logging = { ...hasher, hashPart: async (part: Blob, algorithms: Parameters<typeof hasher.hashPart>[1]) => {
      const result = await hasher.hashPart(part, algorithms)
      log.push(`hashed ${partOf(hashed.at(-1)!.text)}`)
      return result
    } }
    let release: () => void = () => undefined
    const { transport } = recordingTransport(async (request) => {
      const n = Number(request.url.split('/').at(-1))
      log.push(`sending ${n}`)
      // Part 1's answer waits until part 2 has been hashed (it never comes if nothing reads ahead).
      if (n === 1) await new Promise<void>((resolve) => (release = resolve))
      return answer(200)
    })
    const { send } = setUp(fileOf(3), { transport, hasher: async () => logging }, { ...recordingProvider(), partChecksum: 'md5', maxConcurrency: 1 })
    const sending = send()
    await vi.waitFor(() => expect(log).toContain('sending 1'))
    await vi.waitFor(() => expect(log).toContain('hashed 2'))
    release()
    await sending
    expect(log.indexOf('hashed 2')).toBeLessThan(log.indexOf('sending 2'))
    expect(hashed.map((h) => partOf(h.text))).toEqual([1, 2, 3])
  })

  it('a part shorter than planned fails the file as file-changed, before it is sent', async () => {
    const { transport, sent } = recordingTransport()
    const { send, run } = setUp(fileOf(2), { transport, concurrency: () => 1 })
    run.blob = new Blob(['aaaabb'])
    await expect(send()).rejects.toMatchObject({ code: 'file-changed' })
    expect(sent.map((s) => s.text)).toEqual(['aaaa'])
  })

  it('reports each retry as a failed outcome and each part as bytes over the time it took', async () => {
    let clock = 1_000
    vi.spyOn(Date, 'now').mockImplementation(() => clock)
    const { transport } = recordingTransport((request, n) => {
      clock += 250
      return n === 1 ? answer(503) : answer(200)
    })
    const outcomes: unknown[] = []
    const { send } = setUp(fileOf(2), { transport, concurrency: () => 1, onPartOutcome: (outcome) => outcomes.push(outcome) })
    await send()
    expect(outcomes).toEqual([{ ok: false }, { ok: true, bytes: 4, ms: 500 }, { ok: true, bytes: 4, ms: 250 }])
  })

  it('checkpoints each stored part with its receipt; a failed checkpoint does not fail the file', async () => {
    const checkpoints: unknown[] = []
    const provider: UploadProvider = {
      ...recordingProvider(),
      checkpoint: async (session, receipts) => {
        checkpoints.push([session, receipts.map((r) => r.number)])
        if (checkpoints.length === 1) throw new Error('checkpoint refused')
      },
    }
    const { send, done } = setUp(fileOf(2), { concurrency: () => 1 }, provider)
    await send()
    expect(checkpoints).toEqual([
      [{ id: 's1' }, [1]],
      [{ id: 's1' }, [2]],
    ])
    expect(done).toEqual([1, 2])
  })

  it('the first part that fails for good stops the other lanes and fails the file with its error', async () => {
    const { transport, sent } = recordingTransport((request) => (request.url.endsWith('/1') ? answer(400) : answer(200)))
    const { send } = setUp(fileOf(6), { transport, concurrency: () => 1, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } })
    await expect(send()).rejects.toMatchObject({ code: 'server-rejected', status: 400 })
    expect(sent).toHaveLength(1)
  })

  it('stops after the part in flight when the file is paused or cancelled, and fails as aborted', async () => {
    const controller = new AbortController()
    const { transport, sent } = recordingTransport(() => {
      controller.abort()
      return answer(200)
    })
    const { send, run } = setUp(fileOf(3), { transport, concurrency: () => 1 }, recordingProvider(), { signal: controller.signal })
    const failure = send()
    await expect(failure).rejects.toBeInstanceOf(UploadError)
    await expect(failure).rejects.toMatchObject({ code: 'aborted', message: 'The upload was cancelled.' })
    expect(sent).toHaveLength(1)
    expect(run.progress.receipts.size).toBe(1)
  })

  it("fails with the abort's own reason where one is given", async () => {
    const controller = new AbortController()
    const reason = new UploadError({ code: 'aborted', message: 'Paused by the app.' })
    const { transport } = recordingTransport(() => (controller.abort(reason), answer(200)))
    const { send } = setUp(fileOf(2), { transport, concurrency: () => 1 }, recordingProvider(), { signal: controller.signal })
    await expect(send()).rejects.toBe(reason)
  })

  it('names the call that timed out', async () => {
    vi.useFakeTimers()
    const provider: UploadProvider = { ...recordingProvider(), partRequest: () => new Promise<PartRequest>(() => undefined) }
    const { send } = setUp(fileOf(1), { apiTimeoutMs: 3_000, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }, provider)
    const failure = send()
    failure.catch(() => undefined)
    await vi.advanceTimersByTimeAsync(3_000)
    await expect(failure).rejects.toMatchObject({ code: 'timeout', message: 'The server did not answer the part request within 3 s.' })
  })
})

/** A provider whose part URLs come from the engine's book: each fetch's URLs name the call; `expiresAt` per call. */
function withPartUrls(options: { batchSize?: number; signsChecksum?: boolean; expiresAt?: (call: number) => number | undefined; fetch?: PartUrlSource<unknown>['fetch'] } = {}) {
  const calls: UrlRequestPart[][] = []
  const asked: Array<{ number: number; reason: string; url: string | undefined }> = []
  const base = recordingProvider()
  const partUrls: PartUrlSource<unknown> = {
    maxBatch: 100,
    ...(options.batchSize ? { batchSize: options.batchSize } : {}),
    ...(options.signsChecksum ? { signsChecksum: true } : {}),
    fetch:
      options.fetch ??
      (async (_session, parts): Promise<IssuedUrl[]> => {
        calls.push([...parts])
        const at = options.expiresAt?.(calls.length)
        return parts.map((p) => ({ number: p.number, url: `https://signed.test/${p.number}?call=${calls.length}`, ...(at === undefined ? {} : { expiresAt: at }) }))
      }),
  }
  const provider: UploadProvider = {
    ...base,
    partUrls,
    partRequest: (_session, part, ctx) => {
      asked.push({ number: part.number, reason: ctx.reason, url: ctx.url?.url })
      return { method: 'PUT', url: ctx.url?.url ?? 'https://unsigned.test', headers: {} }
    },
  }
  return { provider, calls, asked, numbers: () => calls.map((call) => call.map((p) => p.number)) }
}

describe('sendParts with part URLs from the API', () => {
  afterEach(() => vi.useRealTimers())

  it('asks for URLs in batches of the part a lane needs and the parts after it, and sends each part to its own', async () => {
    const { provider, numbers } = withPartUrls({ batchSize: 2 })
    const { transport, sent } = recordingTransport()
    const { send } = setUp(fileOf(5), { transport, concurrency: () => 1 }, provider)
    await send()
    expect(numbers()).toEqual([[1, 2], [3, 4], [5]])
    expect(sent.map((s) => [s.request.url, s.text])).toEqual([1, 2, 3, 4, 5].map((n) => [`https://signed.test/${n}?call=${Math.ceil(n / 2)}`, letters[n - 1]!.repeat(4)]))
  })

  it('keeps the URL on a retry after a server error; asks for a fresh one after an expired answer', async () => {
    const { provider, calls, asked } = withPartUrls({ expiresAt: (call) => (call === 1 ? LONG_AGO : FAR_FUTURE) })
    const { transport, sent } = recordingTransport((_request, n) => (n === 1 ? answer(503) : n === 2 ? answer(403) : answer(200)))
    const { send } = setUp(fileOf(1), { transport }, provider)
    await send()
    expect(asked.map((a) => a.reason)).toEqual(['first', 'retry', 'expired'])
    expect(calls).toHaveLength(2)
    expect(sent.map((s) => s.request.url)).toEqual(['https://signed.test/1?call=1', 'https://signed.test/1?call=1', 'https://signed.test/1?call=2'])
  })

  it("the request carries its URL's expiry unless the provider gives its own", async () => {
    const at = FAR_FUTURE
    const { provider } = withPartUrls({ expiresAt: () => at })
    const { transport, sent } = recordingTransport()
    await setUp(fileOf(1), { transport }, provider).send()
    expect(sent[0]!.request.expiresAt).toBe(at)

    const { provider: withOwnExpiry } = withPartUrls({ expiresAt: () => at })
    const own = recordingTransport()
    const ownExpiry: UploadProvider = { ...withOwnExpiry, partRequest: async (session, part, ctx) => ({ ...(await withOwnExpiry.partRequest(session, part, ctx)), expiresAt: at + 5 }) }
    await setUp(fileOf(1), { transport: own.transport }, ownExpiry).send()
    expect(own.sent[0]!.request.expiresAt).toBe(at + 5)

    const { provider: noExpiry } = withPartUrls()
    const plain = recordingTransport()
    await setUp(fileOf(1), { transport: plain.transport }, noExpiry).send()
    expect('expiresAt' in plain.sent[0]!.request).toBe(false)
  })

  it('a refresh after an expired answer asks only for parts not yet stored', async () => {
    const { provider, numbers } = withPartUrls({ expiresAt: (call) => (call === 1 ? LONG_AGO : FAR_FUTURE) })
    let part2Stored: () => void = () => undefined
    const stored = new Promise<void>((resolve) => (part2Stored = resolve))
    // Part 1's URL is refused as expired only once part 2 is recorded as stored.
    const { transport } = recordingTransport(async (request, n) => {
      if (request.url.startsWith('https://signed.test/2')) return answer(200)
      if (n <= 2) {
        await stored
        return answer(403)
      }
      return answer(200)
    })
    const onPartDone = (part: { number: number }) => void (part.number === 2 && part2Stored())
    const { send } = setUp(fileOf(2), { transport, concurrency: () => 2 }, provider, { onPartDone })
    await send()
    expect(numbers()).toEqual([[1, 2], [1]])
  })

  it('names the URL call that timed out', async () => {
    vi.useFakeTimers()
    const { provider } = withPartUrls({ fetch: () => new Promise<IssuedUrl[]>(() => undefined) })
    const { send } = setUp(fileOf(1), { apiTimeoutMs: 3_000, retry: { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 } }, provider)
    const failure = send()
    failure.catch(() => undefined)
    await vi.advanceTimersByTimeAsync(3_000)
    await expect(failure).rejects.toMatchObject({ code: 'timeout', message: 'The server did not answer the part URLs within 3 s.' })
  })

  describe('signed over each part checksum', () => {
    const checksumProvider = (batchSize?: number) => {
      const urls = withPartUrls({ signsChecksum: true, ...(batchSize ? { batchSize } : {}) })
      return { ...urls, provider: { ...urls.provider, partChecksum: 'sha256' as const } }
    }

    it('hashes a batch of parts before asking for their URLs, each part once, each URL asked with its checksum', async () => {
      const { provider, calls, numbers } = checksumProvider(3)
      const { hasher, hashed } = textHasher()
      const log: string[] = []
      const { transport } = recordingTransport((request) => (log.push(`send ${request.url}`), answer(200)))
      const logging = { ...hasher, hashPart: async (part: Blob, algorithms: Parameters<typeof hasher.hashPart>[1]) => (log.push(`hash ${partOf(await part.text())}`), hasher.hashPart(part, algorithms)) }
      const { send } = setUp(fileOf(7), { transport, concurrency: () => 1, hasher: async () => logging }, provider)
      await send()
      expect(numbers()).toEqual([[1, 2, 3], [4, 5, 6], [7]])
      for (const part of calls.flat()) expect(part.checksums?.sha256?.hex).toBe(`sha256:${letters[part.number - 1]!.repeat(4)}`)
      expect(hashed.map((h) => partOf(h.text))).toEqual([1, 2, 3, 4, 5, 6, 7])
      // No further than the batch is hashed before its first part goes out.
      expect(log.slice(0, log.findIndex((entry) => entry.startsWith('send')))).toEqual(['hash 1', 'hash 2', 'hash 3'])
    })

    it('leaves parts whose URL is held already (issued with the session) out of the batch', async () => {
      const { provider, numbers } = checksumProvider(3)
      const { hasher } = textHasher()
      const { transport, sent } = recordingTransport()
      const { send, run } = setUp(fileOf(4), { transport, concurrency: () => 1, hasher: async () => hasher }, provider)
      run.progress.urls = urlBookFor(provider, [{ number: 3, url: 'https://issued.test/3' }])
      await send()
      expect(numbers()).toEqual([[1, 2, 4]])
      expect(sent.map((s) => s.request.url)).toEqual(['https://signed.test/1?call=1', 'https://signed.test/2?call=1', 'https://issued.test/3', 'https://signed.test/4?call=1'])
    })

    it('batches 10 parts a call by default', async () => {
      const { provider, numbers } = checksumProvider()
      const { hasher } = textHasher()
      const { send } = setUp(fileOf(12), { concurrency: () => 1, hasher: async () => hasher }, provider)
      await send()
      expect(numbers()).toEqual([[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [11, 12]])
    })

    it('lanes needing parts of a batch being hashed wait for it: one call per batch, each part hashed once', async () => {
      const { provider, numbers } = checksumProvider(3)
      const { hasher, hashed } = textHasher()
      const { send } = setUp(fileOf(6), { concurrency: () => 3, hasher: async () => hasher }, provider)
      await send()
      expect(numbers()).toEqual([[1, 2, 3], [4, 5, 6]])
      expect(hashed.map((h) => partOf(h.text)).sort()).toEqual([1, 2, 3, 4, 5, 6])
    })

    it('a part shorter than planned is left out of the batch and fails the file as file-changed', async () => {
      const { provider, numbers } = checksumProvider(3)
      const { hasher } = textHasher()
      const { send, run } = setUp(fileOf(3), { concurrency: () => 1, hasher: async () => hasher }, provider)
      run.blob = new Blob(['aaaabbbbcc'])
      await expect(send()).rejects.toMatchObject({ code: 'file-changed' })
      expect(numbers()[0]).toEqual([1, 2])
    })
  })
})
