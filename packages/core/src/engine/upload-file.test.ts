import { afterEach, describe, expect, it, vi } from 'vitest'
import type { OnlineManager } from '../environment/online-manager'
import { UploadError } from '../errors'
import { hexToBase64 } from '../hashing/encoding'
import { hashChunks, hashPartBlob } from '../hashing/hash-jobs'
import type { Hashed, PartHasher } from '../hashing/part-hasher'
import { openMemoryScope } from '../persistence/memory-storage'
import type { ScopeStorage } from '../persistence/records'
import type { Transport } from '../transport/transport'
import type { FileInfo, IssuedUrl, PartPlan, PartReceipt, PartRequest, ProviderContext, StoredObject, StoredUpload, UploadProvider } from '../types'
import type { Phase } from './activity'
import { type EngineDeps, type FileProgress, emptyProgress } from './file-run'
import { createLimiter } from './limiter'
import { uploadFile } from './upload-file'

// uploadFile alone (no uploader, no DOM): a fake provider in plain TypeScript and a transport
// that answers 200 to every part, so each test can read what was asked of the provider and what
// was sent. Retries wait 0 ms; the settle tests drive a fake clock.

/** 16 bytes, four parts of 4; its CRC-32C, 0x0875ee6b, starts with a zero nibble (padding matters). */
const CONTENT = 'part-104-data-12'
const CONTENT_CRC32C = '0875ee6b'
const KEY = 'fake|data.bin|16'
const online: OnlineManager = { isOnline: () => true, subscribe: () => () => undefined }
const plan4: PartPlan[] = [0, 1, 2, 3].map((i) => ({ number: i + 1, offset: i * 4, size: 4 }))
const receipt = (number: number, size = 4): PartReceipt => ({ number, size, token: `e${number}` })
const sessionLost = () => new UploadError({ code: 'session-lost', message: 'The server no longer knows this upload.' })
const offsetMismatch = () => new UploadError({ code: 'offset-mismatch', message: 'The server holds another offset.' })

type Session = string
type Provider = UploadProvider<Session>

/** A provider that makes sessions s1, s2, …, takes any part, and completes with the session's name. */
function fakeProvider(overrides: Partial<Provider> = {}): Provider {
  let sessions = 0
  return {
    name: 'fake',
    limits: { minPartSize: 1, maxPartSize: 1 << 30, maxParts: 10_000, maxFileSize: 1 << 30, allowsEmptyFiles: true },
    createUpload: vi.fn(async () => ({ session: `s${++sessions}` })),
    partRequest: (session, part, ctx) => ({ method: 'PUT', url: ctx.url?.url ?? `https://storage.test/${session}/${part.number}`, headers: {} }),
    partReceipt: (_session, part) => receipt(part.number, part.size),
    completeUpload: vi.fn(async (session: Session) => ({ key: `stored-by-${session}` })),
    ...overrides,
  }
}

interface Options {
  provider: Provider
  records?: ScopeStorage
  wholeFileHash?: boolean
  singleRequestMaxSize?: number
  partSize?: number
  apiTimeoutMs?: number
  attempts?: number
  info?: Partial<FileInfo>
  progress?: FileProgress
  hashFile?: (file: Blob) => Promise<Hashed>
  beforeUpload?: (controller: AbortController) => Promise<StoredObject | undefined>
}

function setup(options: Options) {
  const sent: string[] = []
  const transport: Transport = async (request, body) => {
    sent.push(`${request.url} ${await body.text()}`)
    return { status: 200, body: '', header: () => null }
  }
  const fileHashes: string[] = []
  const partsHashed: string[] = []
  const hasher: PartHasher = {
    mode: 'main-thread',
    hashPart: async (part, algorithms) => {
      partsHashed.push(await part.text())
      return hashPartBlob(part, algorithms)
    },
    hashFile: async (file, algorithm) => {
      fileHashes.push(algorithm)
      return options.hashFile ? options.hashFile(file) : hashChunks([file], algorithm)
    },
    dispose() {},
  }
  const deps: EngineDeps = {
    provider: options.provider as UploadProvider,
    transport,
    limiter: createLimiter(4),
    hasher: async () => hasher,
    retry: { attempts: options.attempts ?? 3, baseDelayMs: 0, maxDelayMs: 0 },
    online,
    apiTimeoutMs: options.apiTimeoutMs ?? 10_000,
    stallTimeoutMs: 30_000,
    singleRequestMaxSize: options.singleRequestMaxSize ?? 0,
    partSize: () => options.partSize ?? 4,
    concurrency: () => 1,
    records: options.records,
    recordLifetimeMs: 24 * 3600_000,
    wholeFileHash: options.wholeFileHash ?? false,
  }
  const controller = new AbortController()
  const phases: Phase[] = []
  const hashed: string[] = []
  const bytesSent: number[] = []
  const info: FileInfo = { name: 'data.bin', size: CONTENT.length, type: 'application/octet-stream', lastModified: 1, ...options.info }
  const result = uploadFile(deps, {
    key: KEY,
    blob: new Blob([CONTENT]),
    info,
    handle: undefined,
    progress: options.progress ?? emptyProgress(),
    signal: controller.signal,
    activity: { phase: (phase) => phases.push(phase), enter() {}, leave() {}, waiting() {} },
    onProgress: (progress) => bytesSent.push(progress.bytesSent),
    onPartDone() {},
    onHashed: (sha256) => hashed.push(sha256),
    beforeUpload: () => (options.beforeUpload ? options.beforeUpload(controller) : Promise.resolve(undefined)),
  })
  return { result, sent, fileHashes, partsHashed, phases, hashed, bytesSent, info, controller }
}

/** Records of one scope, with every deleteUploads call kept. */
let scopes = 0
function recordsSpy() {
  const scope = openMemoryScope(`upload-file-test-${++scopes}`)
  const deleted: string[][] = []
  const records: ScopeStorage = { ...scope, deleteUploads: (keys) => (deleted.push([...keys]), scope.deleteUploads(keys)) }
  return { records, deleted }
}

async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

const parts = (session: string, numbers: number[]) => numbers.map((n) => `https://storage.test/${session}/${n} ${CONTENT.slice((n - 1) * 4, n * 4)}`)
const completionCtx = (provider: Provider, call = 0) => vi.mocked(provider.completeUpload).mock.calls[call]![2]

describe('uploadFile: the whole-file SHA-256', () => {
  it('is computed when the uploader asks for it, reported, and sent only where the provider checks it', async () => {
    const provider = fakeProvider()
    const run = setup({ provider, wholeFileHash: true })
    await expect(run.result).resolves.toEqual({ key: 'stored-by-s1' })
    const hex = await sha256Hex(CONTENT)
    expect(run.fileHashes).toEqual(['sha256'])
    expect(run.info.sha256).toBe(hex)
    expect(run.hashed).toEqual([hex])
    const ctx = completionCtx(provider)
    expect(ctx.signal).toBeInstanceOf(AbortSignal)
    expect('wholeFileChecksum' in ctx).toBe(false)
  })

  it('is computed for a provider that checks it, unasked, and given to its completion', async () => {
    const provider = fakeProvider({ wholeFileChecksum: 'sha256' })
    const run = setup({ provider })
    await run.result
    expect(run.fileHashes).toEqual(['sha256'])
    expect(completionCtx(provider).wholeFileChecksum).toBe(hexToBase64(await sha256Hex(CONTENT)))
  })

  it('is not computed again when known, nor when nobody needs it', async () => {
    const known = 'ab'.repeat(32)
    const checked = fakeProvider({ wholeFileChecksum: 'sha256' })
    const run = setup({ provider: checked, wholeFileHash: true, info: { sha256: known } })
    await run.result
    expect(run.fileHashes).toEqual([])
    expect(completionCtx(checked).wholeFileChecksum).toBe(hexToBase64(known))

    const plain = setup({ provider: fakeProvider() })
    await plain.result
    expect(plain.fileHashes).toEqual([])
  })

  it('a file that reads short while hashed fails as file-changed before any session', async () => {
    const provider = fakeProvider()
    const run = setup({ provider, wholeFileHash: true, hashFile: async () => ({ checksums: { sha256: { hex: '00', base64: 'AA==' } }, bytes: 10 }) })
    await expect(run.result).rejects.toMatchObject({ code: 'file-changed', message: 'data.bin read 10 bytes; it had 16 when it was added.' })
    expect(provider.createUpload).not.toHaveBeenCalled()
    expect(run.hashed).toEqual([])
  })
})

describe('uploadFile: one request or parts', () => {
  const single = () => ({
    maxSize: 16,
    request: vi.fn(async (): Promise<PartRequest> => ({ method: 'PUT', url: 'https://storage.test/whole', headers: {} })),
    result: () => ({ key: 'whole' }),
  })

  it('sends a file in one request up to the smaller of the provider and uploader limits, in parts above it', async () => {
    const atLimit = fakeProvider({ singleRequest: single() })
    await expect(setup({ provider: atLimit, singleRequestMaxSize: 16 }).result).resolves.toEqual({ key: 'whole' })
    expect(atLimit.createUpload).not.toHaveBeenCalled()

    const uploaderSmaller = fakeProvider({ singleRequest: single() })
    await expect(setup({ provider: uploaderSmaller, singleRequestMaxSize: 15 }).result).resolves.toEqual({ key: 'stored-by-s1' })
    expect(uploaderSmaller.singleRequest!.request).not.toHaveBeenCalled()

    const providerSmaller = fakeProvider({ singleRequest: { ...single(), maxSize: 15 } })
    await expect(setup({ provider: providerSmaller, singleRequestMaxSize: 100 }).result).resolves.toEqual({ key: 'stored-by-s1' })
    expect(providerSmaller.singleRequest!.request).not.toHaveBeenCalled()
  })

  it('a file onBeforeUpload reports as stored already is not uploaded', async () => {
    const provider = fakeProvider({ singleRequest: single() })
    const run = setup({ provider, singleRequestMaxSize: 16, beforeUpload: async () => ({ key: 'already-there' }) })
    await expect(run.result).resolves.toEqual({ key: 'already-there' })
    expect(provider.singleRequest!.request).not.toHaveBeenCalled()
    expect(run.sent).toEqual([])
  })

  it('a file paused during onBeforeUpload ends with an aborted UploadError before any request', async () => {
    const provider = fakeProvider({ singleRequest: single() })
    const run = setup({
      provider,
      singleRequestMaxSize: 16,
      beforeUpload: async (controller) => {
        controller.abort() // the default reason: a DOMException, which the engine reports as its own error
        return undefined
      },
    })
    const error = await run.result.catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UploadError)
    expect(error).toMatchObject({ code: 'aborted' })
    expect(run.sent).toEqual([])
    expect(run.phases).toEqual([])
  })
})

describe('uploadFile: sessions lost, offsets resynced', () => {
  it('a session the server lost is discarded, its record forgotten, and the upload started over', async () => {
    const { records, deleted } = recordsSpy()
    const provider = fakeProvider({ discardUpload: vi.fn(async () => undefined) })
    vi.mocked(provider.completeUpload).mockRejectedValueOnce(sessionLost())
    const run = setup({ provider, records })
    await expect(run.result).resolves.toEqual({ key: 'stored-by-s2' })
    expect(provider.discardUpload).toHaveBeenCalledTimes(1)
    expect(vi.mocked(provider.discardUpload!).mock.calls[0]![0]).toBe('s1')
    expect(deleted).toEqual([[KEY]])
    expect(run.sent).toEqual([...parts('s1', [1, 2, 3, 4]), ...parts('s2', [1, 2, 3, 4])])
  })

  it('starts over at most twice, then fails with session-lost', async () => {
    const provider = fakeProvider({ discardUpload: vi.fn(async () => undefined) })
    vi.mocked(provider.completeUpload).mockRejectedValue(sessionLost())
    await expect(setup({ provider }).result).rejects.toMatchObject({ code: 'session-lost' })
    expect(provider.createUpload).toHaveBeenCalledTimes(3)
    expect(vi.mocked(provider.discardUpload!).mock.calls.map((call) => call[0])).toEqual(['s1', 's2'])
  })

  it('a session lost before it was made has nothing to discard', async () => {
    const provider = fakeProvider({ discardUpload: vi.fn(async () => undefined) })
    vi.mocked(provider.createUpload).mockRejectedValue(sessionLost())
    await expect(setup({ provider }).result).rejects.toMatchObject({ code: 'session-lost' })
    expect(provider.createUpload).toHaveBeenCalledTimes(3)
    expect(provider.discardUpload).not.toHaveBeenCalled()
  })

  it('any other error ends the upload at once, with no new session', async () => {
    const resumeUpload = vi.fn(async () => ({ session: 'never' }))
    const provider = fakeProvider({ discardUpload: vi.fn(async () => undefined), resumeUpload })
    vi.mocked(provider.completeUpload).mockRejectedValue(new UploadError({ code: 'server-rejected', message: 'No.', status: 400 }))
    await expect(setup({ provider }).result).rejects.toMatchObject({ code: 'server-rejected' })
    expect(provider.createUpload).toHaveBeenCalledTimes(1)
    expect(provider.completeUpload).toHaveBeenCalledTimes(1)
    expect(provider.discardUpload).not.toHaveBeenCalled()
    expect(resumeUpload).not.toHaveBeenCalled()
  })

  it('an offset conflict asks the server what it holds (the persisted snapshot) and sends only the rest again', async () => {
    // The answer's URLs are ignored: this provider signs each request itself (no partUrls).
    const resumeUpload = vi.fn(async (): Promise<{ session: Session; done?: PartReceipt[]; urls?: IssuedUrl[] }> => ({
      session: 's1-resynced',
      done: [receipt(1)],
      urls: [{ number: 2, url: 'https://ignored.test/2' }],
    }))
    const provider = fakeProvider({ resumeUpload, persistSession: (session) => ({ id: session }) })
    vi.mocked(provider.completeUpload).mockRejectedValueOnce(offsetMismatch())
    const run = setup({ provider })
    await expect(run.result).resolves.toEqual({ key: 'stored-by-s1-resynced' })
    expect(resumeUpload).toHaveBeenCalledTimes(1)
    expect(resumeUpload.mock.calls[0]!.slice(0, 2)).toMatchObject([{ snapshot: { id: 's1' }, plan: plan4, receipts: [1, 2, 3, 4].map((n) => receipt(n)) }, run.info])
    expect(run.sent).toEqual([...parts('s1', [1, 2, 3, 4]), ...parts('s1', [2, 3, 4])].map((line, i) => (i < 4 ? line : line.replace('s1', 's1-resynced'))))
    expect(provider.createUpload).toHaveBeenCalledTimes(1)
    expect(run.bytesSent.at(-1)).toBe(16)

    // Without persistSession the session itself is the snapshot; an answer with no parts listed holds none.
    const bare = vi.fn(async (_stored: StoredUpload): Promise<{ session: Session }> => ({ session: 'again' }))
    const plain = fakeProvider({ resumeUpload: bare })
    vi.mocked(plain.completeUpload).mockRejectedValueOnce(offsetMismatch())
    const rerun = setup({ provider: plain })
    await expect(rerun.result).resolves.toEqual({ key: 'stored-by-again' })
    expect(bare.mock.calls[0]![0]).toMatchObject({ snapshot: 's1' })
    expect(rerun.sent.slice(4)).toEqual(parts('again', [1, 2, 3, 4]))
    expect(rerun.bytesSent.every(Number.isFinite)).toBe(true)
  })

  it('a resync that re-cuts the plan (tus: at the offset the server holds) sends the rest with the URLs it hands out', async () => {
    // The server holds 10 bytes: parts 1 and 2, and 2 bytes of part 3, which is split there.
    const recut: PartPlan[] = [
      { number: 1, offset: 0, size: 4 },
      { number: 2, offset: 4, size: 4 },
      { number: 3, offset: 8, size: 2 },
      { number: 4, offset: 10, size: 2 },
      { number: 5, offset: 12, size: 4 },
    ]
    const fetch = vi.fn(async () => [])
    const provider = fakeProvider({
      wholeFileChecksum: 'crc32c',
      partUrls: { maxBatch: 10, fetch },
      createUpload: vi.fn(async () => ({ session: 's1', urls: plan4.map((p) => ({ number: p.number, url: `https://storage.test/s1/${p.number}` })) })),
      resumeUpload: vi.fn(async () => ({
        session: 's1',
        plan: recut,
        done: [receipt(1), receipt(2), receipt(3, 2)],
        urls: [4, 5].map((number) => ({ number, url: `https://fresh.test/${number}` })),
      })),
    })
    vi.mocked(provider.completeUpload).mockRejectedValueOnce(offsetMismatch())
    const run = setup({ provider })
    await expect(run.result).resolves.toEqual({ key: 'stored-by-s1' })
    expect(run.sent.slice(4)).toEqual([`https://fresh.test/4 ${CONTENT.slice(10, 12)}`, `https://fresh.test/5 ${CONTENT.slice(12)}`])
    expect(fetch).not.toHaveBeenCalled()
    expect(vi.mocked(provider.completeUpload).mock.calls[1]![1]).toEqual([receipt(1), receipt(2), receipt(3, 2), receipt(4, 2), receipt(5)])
    // What was measured and hashed as the old part 3 is not the new part 3: that one is read again.
    expect(completionCtx(provider, 1).wholeFileChecksum).toBe(hexToBase64(CONTENT_CRC32C))
    expect([...run.partsHashed].sort()).toEqual(['-104', '-d', '-dat', 'a-12', 'a-12', 'at', 'part'])
  })

  it('a resync answer without URLs leaves the book to fetch what is missing', async () => {
    const fetch = vi.fn(async (session: Session, wanted: readonly PartPlan[]) => wanted.map((p) => ({ number: p.number, url: `https://storage.test/${session}/${p.number}` })))
    const provider = fakeProvider({ partUrls: { maxBatch: 10, fetch }, resumeUpload: vi.fn(async () => ({ session: 's1', done: [1, 2, 3].map((n) => receipt(n)) })) })
    vi.mocked(provider.completeUpload).mockRejectedValueOnce(offsetMismatch())
    const run = setup({ provider })
    await expect(run.result).resolves.toEqual({ key: 'stored-by-s1' })
    expect(run.sent).toEqual([...parts('s1', [1, 2, 3, 4]), ...parts('s1', [4])])
  })

  it('a re-cut part of the same length at another offset is read again for the whole-file CRC-32C', async () => {
    const recut: PartPlan[] = [
      { number: 1, offset: 0, size: 2 },
      { number: 2, offset: 2, size: 4 },
      { number: 3, offset: 6, size: 4 },
      { number: 4, offset: 10, size: 6 },
    ]
    const provider = fakeProvider({ wholeFileChecksum: 'crc32c', resumeUpload: vi.fn(async () => ({ session: 's1', plan: recut, done: [receipt(1, 2), receipt(2)] })) })
    vi.mocked(provider.completeUpload).mockRejectedValueOnce(offsetMismatch())
    const run = setup({ provider })
    await expect(run.result).resolves.toEqual({ key: 'stored-by-s1' })
    expect(completionCtx(provider, 1).wholeFileChecksum).toBe(hexToBase64(CONTENT_CRC32C))
  })

  it('resyncs at most twice; without resumeUpload an offset conflict is final', async () => {
    const resumeUpload = vi.fn(async () => ({ session: 's1', done: [1, 2, 3, 4].map((n) => receipt(n)) }))
    const provider = fakeProvider({ resumeUpload })
    vi.mocked(provider.completeUpload).mockRejectedValue(offsetMismatch())
    await expect(setup({ provider }).result).rejects.toMatchObject({ code: 'offset-mismatch' })
    expect(resumeUpload).toHaveBeenCalledTimes(2)
    expect(provider.completeUpload).toHaveBeenCalledTimes(3)

    const without = fakeProvider()
    vi.mocked(without.completeUpload).mockRejectedValue(offsetMismatch())
    await expect(setup({ provider: without }).result).rejects.toMatchObject({ code: 'offset-mismatch' })
    expect(without.completeUpload).toHaveBeenCalledTimes(1)
    expect(without.createUpload).toHaveBeenCalledTimes(1)
  })

  it('a session the resync does not find is started over, its record forgotten', async () => {
    const { records, deleted } = recordsSpy()
    const provider = fakeProvider({ resumeUpload: vi.fn(async () => null) })
    vi.mocked(provider.completeUpload).mockRejectedValueOnce(offsetMismatch())
    const run = setup({ provider, records })
    await expect(run.result).resolves.toEqual({ key: 'stored-by-s2' })
    expect(run.sent).toEqual([...parts('s1', [1, 2, 3, 4]), ...parts('s2', [1, 2, 3, 4])])
    expect(deleted).toEqual([[KEY]])
  })

  it('a pause while the completion fails keeps the session and its record', async () => {
    const { records, deleted } = recordsSpy()
    const provider = fakeProvider({ discardUpload: vi.fn(async () => undefined), abortUpload: vi.fn(async () => undefined) })
    let pause = () => {}
    vi.mocked(provider.completeUpload).mockImplementation(async () => {
      pause()
      throw sessionLost()
    })
    const run = setup({ provider, records })
    pause = () => run.controller.abort(new UploadError({ code: 'aborted', message: 'Paused.' }))
    await expect(run.result).rejects.toMatchObject({ code: 'session-lost' })
    expect(provider.discardUpload).not.toHaveBeenCalled()
    expect(provider.createUpload).toHaveBeenCalledTimes(1)
    expect(deleted).toEqual([])

    vi.mocked(provider.completeUpload).mockImplementation(async () => {
      pause()
      throw new UploadError({ code: 'file-changed', message: 'Changed.' })
    })
    const changed = setup({ provider, records })
    pause = () => changed.controller.abort(new UploadError({ code: 'aborted', message: 'Paused.' }))
    await expect(changed.result).rejects.toMatchObject({ code: 'file-changed' })
    expect(provider.abortUpload).not.toHaveBeenCalled()
    expect(deleted).toEqual([])
  })
})

describe('uploadFile: a file that changed', () => {
  it('is never completed: its session is aborted and its record forgotten', async () => {
    const { records, deleted } = recordsSpy()
    const provider = fakeProvider({
      abortUpload: vi.fn(async () => undefined),
      partReceipt: (_session, part) => receipt(part.number, part.number === 2 ? 3 : part.size),
    })
    await expect(setup({ provider, records }).result).rejects.toMatchObject({ code: 'file-changed' })
    expect(provider.completeUpload).not.toHaveBeenCalled()
    expect(vi.mocked(provider.abortUpload!).mock.calls.map((call) => call[0])).toEqual(['s1'])
    expect(deleted).toEqual([[KEY]])
  })

  it('before a session was made there is nothing to abort', async () => {
    const provider = fakeProvider({ abortUpload: vi.fn(async () => undefined) })
    vi.mocked(provider.createUpload).mockRejectedValue(new UploadError({ code: 'file-changed', message: 'The size differs.' }))
    await expect(setup({ provider }).result).rejects.toMatchObject({ code: 'file-changed' })
    expect(provider.abortUpload).not.toHaveBeenCalled()
  })
})

describe('uploadFile: resuming from a record', () => {
  async function stored(records: ScopeStorage, provider = 'fake') {
    await records.putSession({ key: KEY, provider, snapshot: { id: 'old' }, plan: plan4, createdAt: Date.now(), expiresAt: Date.now() + 60_000 })
    await records.putPart({ key: KEY, number: 1, size: 4, token: 'e1', checksum: 'c1', crc32c: 'deadbeef' })
    await records.putPart({ key: KEY, number: 2, size: 4, token: 'e2' })
  }

  it('asks the server about the stored session and sends only the parts it lacks, on the stored plan', async () => {
    const { records } = recordsSpy()
    await stored(records)
    const resumeUpload = vi.fn(async (_stored: StoredUpload) => ({ session: 'old', done: [receipt(1), receipt(2)] }))
    const provider = fakeProvider({ resumeUpload })
    // The next file would be cut in 8-byte parts: the resumed one keeps the plan it was stored with.
    const run = setup({ provider, records, partSize: 8 })
    await expect(run.result).resolves.toEqual({ key: 'stored-by-old' })
    expect(resumeUpload.mock.calls[0]![0]).toStrictEqual({
      snapshot: { id: 'old' },
      plan: plan4,
      receipts: [
        { number: 1, size: 4, token: 'e1', checksum: 'c1' },
        { number: 2, size: 4, token: 'e2' },
      ],
    })
    expect(provider.createUpload).not.toHaveBeenCalled()
    expect(run.sent).toEqual(parts('old', [3, 4]))
  })

  it("a record of another provider, or one the server no longer knows, starts a new upload and forgets the record", async () => {
    const other = recordsSpy()
    await stored(other.records, 'other')
    const resumeUpload = vi.fn(async () => ({ session: 'old' }))
    const provider = fakeProvider({ resumeUpload })
    await expect(setup({ provider, records: other.records }).result).resolves.toEqual({ key: 'stored-by-s1' })
    expect(resumeUpload).not.toHaveBeenCalled()

    for (const answer of [async () => null, async () => Promise.reject(new UploadError({ code: 'server-rejected', message: 'Not found.', status: 404 }))]) {
      const { records, deleted } = recordsSpy()
      await stored(records)
      const unknown = fakeProvider({ resumeUpload: vi.fn(answer) })
      const run = setup({ provider: unknown, records })
      await expect(run.result).resolves.toEqual({ key: 'stored-by-s1' })
      expect(unknown.resumeUpload).toHaveBeenCalledTimes(1)
      expect(run.sent).toEqual(parts('s1', [1, 2, 3, 4]))
      expect(deleted).toEqual([[KEY]])
      expect(await records.getUpload(KEY)).toBeUndefined()
    }
  })

  it('a pause during the resume check keeps the record and makes no session', async () => {
    const { records, deleted } = recordsSpy()
    await stored(records)
    let pause = () => {}
    const provider = fakeProvider({
      resumeUpload: vi.fn(async () => {
        pause()
        throw sessionLost()
      }),
    })
    const run = setup({ provider, records })
    pause = () => run.controller.abort(new UploadError({ code: 'aborted', message: 'Paused.' }))
    await expect(run.result).rejects.toMatchObject({ code: 'session-lost' })
    expect(provider.createUpload).not.toHaveBeenCalled()
    expect(deleted).toEqual([])
    expect(await records.getUpload(KEY)).toBeDefined()
  })

  it('a run that already has a session goes on with it', async () => {
    const provider = fakeProvider()
    const progress: FileProgress = {
      ...emptyProgress(),
      session: 's9',
      plan: plan4,
      receipts: new Map([1, 2].map((n) => [n, receipt(n)])),
      measured: new Map([[1, 4], [2, 4]]),
    }
    const run = setup({ provider, progress })
    await expect(run.result).resolves.toEqual({ key: 'stored-by-s9' })
    expect(provider.createUpload).not.toHaveBeenCalled()
    expect(run.sent).toEqual(parts('s9', [3, 4]))
  })

  it('a snapshot with no expiry (or none at all) is stored for the record lifetime', async () => {
    const { records } = recordsSpy()
    const provider = fakeProvider({ persistSession: () => undefined, completeUpload: vi.fn(async () => ({ key: 'k' })) })
    vi.mocked(provider.completeUpload).mockImplementation(async () => {
      const record = await records.getUpload(KEY)
      expect(record?.session.expiresAt).toBeGreaterThan(Date.now() + 23 * 3600_000)
      return { key: 'k' }
    })
    await expect(setup({ provider, records }).result).resolves.toEqual({ key: 'k' })
  })
})

describe('uploadFile: the whole-file CRC-32C', () => {
  it("is combined from the parts' CRC-32Cs", async () => {
    const provider = fakeProvider({ wholeFileChecksum: 'crc32c' })
    const run = setup({ provider })
    await run.result
    expect(completionCtx(provider).wholeFileChecksum).toBe(hexToBase64(CONTENT_CRC32C))
    expect([...run.partsHashed].sort()).toEqual(['-104', '-dat', 'a-12', 'part'])
  })

  it('reads once more only a resumed part stored without its CRC-32C', async () => {
    const { records } = recordsSpy()
    await records.putSession({ key: KEY, provider: 'fake', snapshot: 'old', plan: plan4, createdAt: Date.now(), expiresAt: Date.now() + 60_000 })
    const first = await hashPartBlob(new Blob([CONTENT.slice(0, 4)]), ['crc32c'])
    await records.putPart({ key: KEY, number: 1, size: 4, token: 'e1', crc32c: first.checksums.crc32c!.hex })
    await records.putPart({ key: KEY, number: 2, size: 4, token: 'e2' })
    const provider = fakeProvider({ wholeFileChecksum: 'crc32c', resumeUpload: vi.fn(async () => ({ session: 'old', done: [receipt(1), receipt(2)] })) })
    const run = setup({ provider, records })
    await run.result
    expect(completionCtx(provider).wholeFileChecksum).toBe(hexToBase64(CONTENT_CRC32C))
    expect([...run.partsHashed].sort()).toEqual(['-104', '-dat', 'a-12'])
  })
  it('a resumed record whose plan the server re-cuts keeps no CRC-32C of a part that moved', async () => {
    const { records } = recordsSpy()
    await records.putSession({ key: KEY, provider: 'fake', snapshot: 'old', plan: plan4, createdAt: Date.now(), expiresAt: Date.now() + 60_000 })
    // Part 2 was stored with the CRC-32C of bytes 4–8; after the re-cut, part 2 is bytes 2–6.
    const second = await hashPartBlob(new Blob([CONTENT.slice(4, 8)]), ['crc32c'])
    await records.putPart({ key: KEY, number: 2, size: 4, token: 'e2', crc32c: second.checksums.crc32c!.hex })
    const recut: PartPlan[] = [
      { number: 1, offset: 0, size: 2 },
      { number: 2, offset: 2, size: 4 },
      { number: 3, offset: 6, size: 4 },
      { number: 4, offset: 10, size: 6 },
    ]
    const resumeUpload = vi.fn(async () => ({ session: 'old', plan: recut, done: [receipt(1, 2), receipt(2)] }))
    const provider = fakeProvider({ wholeFileChecksum: 'crc32c', resumeUpload })
    await expect(setup({ provider, records }).result).resolves.toEqual({ key: 'stored-by-old' })
    expect(completionCtx(provider).wholeFileChecksum).toBe(hexToBase64(CONTENT_CRC32C))
  })
})

describe('uploadFile: an API call that never answers', () => {
  const never = () => new Promise<never>(() => {})
  it.each([
    ['the upload creation', { createUpload: never }, false],
    ['the completion', { completeUpload: never }, false],
    ['the resume check', { resumeUpload: never }, true],
  ] as const)('times out naming %s', async (what, overrides, resync) => {
    const provider = fakeProvider(overrides as Partial<Provider>)
    if (resync) vi.mocked(provider.completeUpload).mockRejectedValueOnce(offsetMismatch())
    await expect(setup({ provider, apiTimeoutMs: 20, attempts: 1 }).result).rejects.toMatchObject({ code: 'timeout', message: expect.stringContaining(what) })
  })
})

describe('uploadFile: settling after the completion', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('asks again 200 ms later, doubling to 1 s, until its time is up; then the completion result stands', async () => {
    vi.useFakeTimers({ now: 0 })
    const asked: number[] = []
    const check = vi.fn(async () => {
      asked.push(Date.now())
      return undefined
    })
    const run = setup({ provider: fakeProvider({ settle: { withinMs: 3000, check } }) })
    await vi.runAllTimersAsync()
    await expect(run.result).resolves.toEqual({ key: 'stored-by-s1' })
    const start = asked[0]!
    expect(asked.map((t) => t - start)).toEqual([0, 200, 600, 1400, 2400])
  })

  it('a failed check counts as "not yet"; a check due at the deadline is still asked', async () => {
    vi.useFakeTimers({ now: 0 })
    const asked: number[] = []
    const check = vi.fn(async (_session: Session, _result: StoredObject, _ctx: ProviderContext): Promise<StoredObject | undefined> => {
      asked.push(Date.now())
      if (asked.length === 1) throw new UploadError({ code: 'http', message: 'Not yet.', status: 500 })
      return { key: 'settled' }
    })
    const run = setup({ provider: fakeProvider({ settle: { withinMs: 200, check } }) })
    await vi.runAllTimersAsync()
    await expect(run.result).resolves.toEqual({ key: 'settled' })
    expect(asked.map((t) => t - asked[0]!)).toEqual([0, 200])
  })
})
