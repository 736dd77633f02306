import { afterEach, describe, expect, it, vi } from 'vitest'
import type { PartRecord, ScopeStorage } from '../persistence/records'
import type { PartReceipt, UploadProvider } from '../types'
import { engineDeps, fileRun } from '../testing/engine-fakes'
import { recordingProvider } from '../testing/fakes'
import { partAlgorithms, recordPart, untilAborted, urlBookFor } from './file-run'

// The helpers every file's run shares: which checksums a part gets, what a finished part's
// record holds, how long a run waits for work it cannot cancel, and the URL book of a session.

const withChecksums = (partChecksum?: UploadProvider['partChecksum'], wholeFileChecksum?: UploadProvider['wholeFileChecksum']): UploadProvider => ({
  ...recordingProvider(),
  ...(partChecksum ? { partChecksum } : {}),
  ...(wholeFileChecksum ? { wholeFileChecksum } : {}),
})

describe('partAlgorithms', () => {
  it("is the provider's part checksum, plus CRC-32C where the whole file's is combined from the parts'", () => {
    expect(partAlgorithms(withChecksums())).toEqual([])
    expect(partAlgorithms(withChecksums('md5'))).toEqual(['md5'])
    expect(partAlgorithms(withChecksums('md5', 'crc32c'))).toEqual(['md5', 'crc32c'])
    expect(partAlgorithms(withChecksums(undefined, 'crc32c'))).toEqual(['crc32c'])
  })

  it('asks for CRC-32C once when it is both', () => {
    expect(partAlgorithms(withChecksums('crc32c', 'crc32c'))).toEqual(['crc32c'])
  })

  it('a whole-file SHA-256 adds nothing per part (it is read from the whole file)', () => {
    expect(partAlgorithms(withChecksums('md5', 'sha256'))).toEqual(['md5'])
    expect(partAlgorithms(withChecksums(undefined, 'sha256'))).toEqual([])
  })
})

function memoryParts() {
  const parts: PartRecord[] = []
  const records = { putPart: async (record: PartRecord) => void parts.push(record) } as unknown as ScopeStorage
  return { records, parts }
}

describe('recordPart', () => {
  it("writes the receipt's number, size, token and checksum, with the part's CRC-32C where computed", async () => {
    const { records, parts } = memoryParts()
    const { run } = fileRun('abcd', { key: 'k1' })
    run.progress.crc32c.set(2, 'c0ffee')
    await recordPart(engineDeps(recordingProvider(), { records }), run, { number: 2, size: 4, token: '"e2"', checksum: 'sum2' })
    expect(parts).toStrictEqual([{ key: 'k1', number: 2, size: 4, token: '"e2"', checksum: 'sum2', crc32c: 'c0ffee' }])
  })

  it('leaves out what the receipt and the part do not have (no undefined fields in the record)', async () => {
    const { records, parts } = memoryParts()
    const { run } = fileRun('abcd', { key: 'k1' })
    await recordPart(engineDeps(recordingProvider(), { records }), run, { number: 1, size: 4 } as PartReceipt)
    expect(parts).toStrictEqual([{ key: 'k1', number: 1, size: 4 }])
    expect(Object.keys(parts[0]!)).toEqual(['key', 'number', 'size'])
  })

  it('writes nothing when resume is off or the provider cannot persist its session', async () => {
    const { records, parts } = memoryParts()
    const { run } = fileRun('abcd')
    await recordPart(engineDeps(recordingProvider(), { records: undefined }), run, { number: 1, size: 4, token: 't' })
    const { persistSession: _, ...cannotPersist } = recordingProvider()
    await recordPart(engineDeps(cannotPersist, { records }), run, { number: 1, size: 4, token: 't' })
    expect(parts).toEqual([])
  })

  it('a failed write does not fail the part (the record is best effort)', async () => {
    const records = { putPart: () => Promise.reject(new Error('quota')) } as unknown as ScopeStorage
    const { run } = fileRun('abcd')
    await expect(recordPart(engineDeps(recordingProvider(), { records }), run, { number: 1, size: 4, token: 't' })).resolves.toBeUndefined()
  })
})

describe('untilAborted', () => {
  const never = new Promise<string>(() => undefined)

  it("passes the work's result or failure through while the signal is live", async () => {
    await expect(untilAborted(Promise.resolve('hashed'), new AbortController().signal)).resolves.toBe('hashed')
    const failure = new Error('read failed')
    await expect(untilAborted(Promise.reject(failure), new AbortController().signal)).rejects.toBe(failure)
  })

  it('rejects at once with the reason of a signal aborted before it is called', async () => {
    const reason = new Error('paused')
    await expect(untilAborted(never, AbortSignal.abort(reason))).rejects.toBe(reason)
  })

  it('stops waiting with the reason when the signal aborts first', async () => {
    const controller = new AbortController()
    const waiting = untilAborted(never, controller.signal)
    const reason = new Error('cancelled')
    controller.abort(reason)
    await expect(waiting).rejects.toBe(reason)
  })

  it('stops listening to the signal once the work is done (a long-lived signal holds no listener per part)', async () => {
    const controller = new AbortController()
    const added: unknown[] = []
    const removed: unknown[] = []
    const { signal } = controller
    const add = signal.addEventListener.bind(signal)
    const remove = signal.removeEventListener.bind(signal)
    signal.addEventListener = ((type: string, listener: EventListener, options?: AddEventListenerOptions) => {
      added.push([type, listener])
      add(type, listener, options)
    }) as typeof signal.addEventListener
    signal.removeEventListener = ((type: string, listener: EventListener) => {
      removed.push([type, listener])
      remove(type, listener)
    }) as typeof signal.removeEventListener
    await untilAborted(Promise.resolve(1), signal)
    await untilAborted(Promise.reject(new Error('x')), signal).catch(() => undefined)
    expect(added).toHaveLength(2)
    expect(added.every((entry) => (entry as [string])[0] === 'abort')).toBe(true)
    expect(removed).toEqual(added)
  })
})

describe('urlBookFor', () => {
  afterEach(() => vi.useRealTimers())

  const withUrls = (partUrls?: UploadProvider['partUrls']): UploadProvider => ({ ...recordingProvider(), ...(partUrls ? { partUrls } : {}) })

  it('none where the provider hands out no part URLs', () => {
    expect(urlBookFor(withUrls(), [{ number: 1, url: 'https://u/1' }])).toBeUndefined()
  })

  it('holds the URLs issued with the session', () => {
    const book = urlBookFor(withUrls({ maxBatch: 10 }), [{ number: 1, url: 'https://u/1' }])!
    expect(book.covers(1)).toBe(true)
    expect(book.covers(2)).toBe(false)
  })

  it('refreshes a URL 60 s before it expires unless the provider says otherwise', () => {
    vi.useFakeTimers({ now: 0 })
    const issued = [{ number: 1, url: 'https://u/1', expiresAt: 600_000 }]
    const byDefault = urlBookFor(withUrls({ maxBatch: 10 }), issued)!
    const ownMargin = urlBookFor(withUrls({ maxBatch: 10, marginMs: 10_000 }), issued)!
    vi.setSystemTime(600_000 - 61_000)
    expect(byDefault.covers(1)).toBe(true)
    vi.setSystemTime(600_000 - 59_000)
    expect(byDefault.covers(1)).toBe(false)
    expect(ownMargin.covers(1)).toBe(true)
  })

  it('fetches in batches of the source size (10 by default), never more than its cap', async () => {
    const asked: number[][] = []
    const fetch = async (parts: readonly { number: number }[]) => (asked.push(parts.map((p) => p.number)), parts.map((p) => ({ number: p.number, url: `https://u/${p.number}` })))
    const upcoming = Array.from({ length: 30 }, (_, i) => ({ number: i + 2, offset: 0, size: 1 }))
    const part = { number: 1, offset: 0, size: 1 }
    await urlBookFor(withUrls({ maxBatch: 100 }), undefined)!.get(part, () => upcoming, fetch)
    await urlBookFor(withUrls({ maxBatch: 100, batchSize: 4 }), undefined)!.get(part, () => upcoming, fetch)
    await urlBookFor(withUrls({ maxBatch: 3, batchSize: 4 }), undefined)!.get(part, () => upcoming, fetch)
    expect(asked.map((batch) => batch.length)).toEqual([10, 4, 3])
  })
})
