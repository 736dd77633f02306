import { describe, expect, it } from 'vitest'
import type { UploaderOptions } from './options/uploader-options'
import type { UploadProvider } from './types'
import { selectFile, selectFiles, selectTotals } from './store/selectors'
import { type RecordingProvider, plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import { createUploader } from './uploader'
import { openMemoryScope } from './persistence/memory-storage'
import { uploadKey } from './persistence/records'

const file = (name: string, size: number, fill = 7) =>
  new File([new Uint8Array(size).fill(fill)], name, { type: 'application/octet-stream', lastModified: 1_700_000_000_000 })
const ok = (url: string) => response(200, { ETag: `"etag-${url.split('/').pop()}"` })
const fastRetry = { baseDelayMs: 1, maxDelayMs: 2 }
const base = { hasher: plainHasher, persistence: false as const, retry: fastRetry }
const make = (options: Partial<UploaderOptions> & Pick<UploaderOptions, 'provider'>) => createUploader({ ...base, ...options })
const stateOf = (uploader: ReturnType<typeof createUploader>, id: string) => selectFile(id)(uploader.store.getState())!
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms))

describe('createUploader', () => {
  it('uploads a file part by part and completes with every receipt in order', async () => {
    const provider = recordingProvider()
    const { transport } = scriptedTransport(ok)
    const uploader = make({ provider, transport, partSize: 10 })
    const { ids, rejected } = await uploader.addFiles([file('a.bin', 35)])
    expect(rejected).toEqual([])
    await uploader.whenIdle()

    const state = stateOf(uploader, ids[0]!)
    expect(state.status).toBe('done')
    expect(state.bytesSent).toBe(35)
    expect(state.partsTotal).toBe(4)
    expect(state.result?.location).toMatch(/^session-a\.bin/)
    expect(provider.completedWith[0]!.map((r) => [r.number, r.size, r.token])).toEqual([
      [1, 10, '"etag-1"'],
      [2, 10, '"etag-2"'],
      [3, 10, '"etag-3"'],
      [4, 5, '"etag-4"'],
    ])
  })

  it('keeps parts in flight under the global limit across files', async () => {
    const { transport, state } = scriptedTransport(ok)
    const uploader = make({ provider: recordingProvider(), transport, partSize: 4, concurrency: 3 })
    await uploader.addFiles([file('a', 40), file('b', 40), file('c', 40)])
    await uploader.whenIdle()
    expect(state.maxInFlight).toBe(3)
    expect(state.sent).toHaveLength(30)
    expect(selectTotals(uploader.store.getState())).toMatchObject({ files: 3, done: 3, bytesSent: 120, progress: 1 })
  })

  it('retries a part that got a 503 and still completes', async () => {
    const { transport, state } = scriptedTransport((url, attempt) =>
      url.endsWith('/2') && attempt < 3 ? response(503, { 'Retry-After': '0' }) : ok(url),
    )
    const uploader = make({ provider: recordingProvider(), transport, partSize: 10 })
    const { ids } = await uploader.addFiles([file('a', 25)])
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!).status).toBe('done')
    expect(state.sent.filter((u) => u.endsWith('/2'))).toHaveLength(3)
  })

  it('fails with a typed, readable error when the server rejects a part for good', async () => {
    const { transport } = scriptedTransport(() => response(400, {}, '<Error><Code>InvalidArgument</Code></Error>'))
    const errors: string[] = []
    const uploader = make({ provider: recordingProvider(), transport, partSize: 10, onError: (_f, e) => errors.push(e.code) })
    const { ids } = await uploader.addFiles([file('a', 25)])
    await uploader.whenIdle()
    const state = stateOf(uploader, ids[0]!)
    expect(state.status).toBe('error')
    expect(state.error).toMatchObject({ code: 'server-rejected', retryable: false, status: 400 })
    expect(state.error!.message).toMatch(/400/)
    expect(errors).toEqual(['server-rejected'])
  })

  it('gives up after the retry budget on a server that keeps failing, and can be retried', async () => {
    let healthy = false
    const { transport, state } = scriptedTransport((url) => (healthy ? ok(url) : response(500)))
    const uploader = make({ provider: recordingProvider(), transport, partSize: 100, retry: { ...fastRetry, attempts: 3 } })
    const { ids } = await uploader.addFiles([file('a', 10)])
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!).error).toMatchObject({ code: 'http', retryable: true, status: 500 })
    expect(state.sent).toHaveLength(3)
    healthy = true
    uploader.retry(ids[0]!)
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!)).toMatchObject({ status: 'done', error: undefined })
  })

  it('cancels: aborts in-flight requests and the provider session', async () => {
    const provider = recordingProvider()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { transport } = scriptedTransport(async (url) => {
      await gate
      return ok(url)
    })
    const uploader = make({ provider, transport, partSize: 10 })
    const { ids } = await uploader.addFiles([file('a', 30)])
    await tick()
    uploader.cancel(ids[0]!)
    release()
    await uploader.whenIdle()
    await tick()
    expect(stateOf(uploader, ids[0]!).status).toBe('cancelled')
    expect(provider.calls).toContain('abort')
    expect(provider.calls).not.toContain('complete')
  })

  it('pauses and resumes a file without sending finished parts again', async () => {
    const provider = recordingProvider()
    let open!: () => void
    const gate = new Promise<void>((r) => (open = r))
    const { transport, state } = scriptedTransport(async (url) => {
      if (url.endsWith('/3')) await gate
      return ok(url)
    })
    const uploader = make({ provider, transport, partSize: 10, concurrency: 1 })
    const { ids } = await uploader.addFiles([file('a', 50)])
    while (!state.sent.includes(state.sent.find((u) => u.endsWith('/2')) ?? '-')) await tick(1)
    await tick(5)
    uploader.pause(ids[0]!)
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!)).toMatchObject({ status: 'paused', pausedBy: 'user' })
    open()
    uploader.resume(ids[0]!)
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!).status).toBe('done')
    expect(provider.calls.filter((c) => c.startsWith('create'))).toHaveLength(1)
    for (const n of [1, 2, 4, 5]) expect(state.sent.filter((u) => u.endsWith(`/${n}`))).toHaveLength(1)
    expect(provider.completedWith[0]!.map((r) => r.number)).toEqual([1, 2, 3, 4, 5])
  })

  it('resumes after a reload: a new uploader given the same file sends only the missing parts', async () => {
    const provider = recordingProvider()
    const persistence = { scope: 'user-1', storage: 'memory' as const, databaseName: `reload-${Date.now()}` }
    const first = scriptedTransport((url, attempt) => (url.endsWith('/3') && attempt === 1 ? response(400) : ok(url)))
    const before = make({ provider, transport: first.transport, partSize: 10, concurrency: 1, persistence })
    await before.addFiles([file('big.bin', 50)])
    await before.whenIdle() // part 3 was refused: the upload stopped with parts 1 and 2 on the server
    before.dispose()

    const second = scriptedTransport(ok)
    const after = make({ provider, transport: second.transport, partSize: 10, persistence })
    const { ids } = await after.addFiles([file('big.bin', 50)])
    await after.whenIdle()
    expect(stateOf(after, ids[0]!).status).toBe('done')
    expect(provider.calls.filter((c) => c.startsWith('create'))).toHaveLength(1)
    expect(provider.calls.some((c) => c.startsWith('resume'))).toBe(true)
    expect(second.state.sent.map((u) => u.split('/').pop()).sort()).toEqual(['3', '4', '5'])
    const big = file('big.bin', 50)
    const key = uploadKey('recording', { name: big.name, size: big.size, type: big.type, lastModified: big.lastModified })
    expect(await openMemoryScope(`${persistence.databaseName}:user-1`).getUpload(key)).toBeUndefined() // forgotten once complete
  })

  it('starts over when the server lost the session', async () => {
    const provider = recordingProvider()
    const lost = new Set<string>()
    const { transport } = scriptedTransport((url) => {
      const session = url.split('/')[3]!
      if (url.endsWith('/2') && !lost.has(session) && lost.size === 0) {
        lost.add(session)
        return response(404, {}, '<Error><Code>NoSuchUpload</Code></Error>')
      }
      return ok(url)
    })
    const withTable: UploadProvider<{ id: string }> = { ...provider, errors: [{ status: 404, code: 'NoSuchUpload', means: 'session-lost' }] }
    const uploader = make({ provider: withTable, transport, partSize: 10 })
    const { ids } = await uploader.addFiles([file('a', 30)])
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!).status).toBe('done')
    expect(provider.calls.filter((c) => c.startsWith('create'))).toHaveLength(2)
  })

  it('rejects files that break the restrictions, with reasons, and never throws', async () => {
    const uploader = make({
      provider: recordingProvider(),
      autoStart: false,
      restrictions: { accept: ['image/*', '.pdf'], maxFileSize: 100, maxFiles: 2 },
    })
    const png = new File([new Uint8Array(10)], 'a.png', { type: 'image/png' })
    const pdf = new File([new Uint8Array(10)], 'b.PDF', { type: '' })
    const exe = new File([new Uint8Array(10)], 'c.exe', { type: 'application/x-msdownload' })
    const huge = new File([new Uint8Array(101)], 'd.png', { type: 'image/png' })
    const third = new File([new Uint8Array(1)], 'e.png', { type: 'image/png' })
    const { ids, rejected } = await uploader.addFiles([png, exe, huge, pdf, third])
    expect(ids).toHaveLength(2)
    expect(rejected.map((r) => [r.name, r.error.code])).toEqual([
      ['c.exe', 'restricted'],
      ['d.png', 'file-too-large'],
      ['e.png', 'restricted'],
    ])
  })

  it('rejects an empty file before any request when the provider cannot take one', async () => {
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: 10, maxParts: 10, maxFileSize: 100, allowsEmptyFiles: false })
    const { transport, state } = scriptedTransport(ok)
    const uploader = make({ provider, transport })
    const { ids } = await uploader.addFiles([file('empty', 0)])
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!).error?.code).toBe('file-empty')
    expect(provider.calls).toEqual([])
    expect(state.sent).toEqual([])
  })

  it('sends small files as one request where the provider has a single-request path', async () => {
    const provider: RecordingProvider = {
      ...recordingProvider(),
      singleRequest: {
        maxSize: 1000,
        request: async (info) => ({ method: 'PUT', url: `https://storage.test/single/${info.name}`, headers: {} }),
        result: (info) => ({ key: `single/${info.name}` }),
      },
    }
    const { transport, state } = scriptedTransport(ok)
    const uploader = make({ provider, transport, partSize: 10, singleRequestMaxSize: 100 })
    const { ids } = await uploader.addFiles([file('small', 60), file('large', 150)])
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!).result).toEqual({ key: 'single/small', location: 'single/small' })
    expect(state.sent.filter((u) => u.includes('/single/'))).toEqual(['https://storage.test/single/small'])
    expect(provider.calls.filter((c) => c.startsWith('create'))).toEqual(['create large'])
  })

  it('skips sending content the server already holds, when the hook says so', async () => {
    const provider = recordingProvider()
    const { transport, state } = scriptedTransport(ok)
    const uploader = make({ provider, transport, onBeforeUpload: (f) => (f.name === 'dup' ? { skip: { key: 'existing', url: 'https://storage.test/existing' } } : undefined) })
    const { ids } = await uploader.addFiles([file('dup', 30), file('new', 30)])
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!)).toMatchObject({ status: 'done', result: { key: 'existing', url: 'https://storage.test/existing', location: 'https://storage.test/existing' } })
    expect(provider.calls).toEqual(['create new', 'target 1', 'complete'])
    expect(state.sent).toHaveLength(1)
  })

  it('pauses when the browser goes offline and resumes by itself when it comes back', async () => {
    const listeners = new Set<(online: boolean) => void>()
    let online = true
    const onlineManager = {
      isOnline: () => online,
      subscribe: (l: (o: boolean) => void) => (listeners.add(l), () => void listeners.delete(l)),
    }
    let open!: () => void
    const gate = new Promise<void>((r) => (open = r))
    const { transport } = scriptedTransport(async (url) => {
      await gate
      return ok(url)
    })
    const uploader = make({ provider: recordingProvider(), transport, partSize: 10, onlineManager })
    const { ids } = await uploader.addFiles([file('a', 30)])
    await tick()
    online = false
    listeners.forEach((l) => l(false))
    await uploader.whenIdle()
    expect(uploader.store.getState().online).toBe(false)
    expect(stateOf(uploader, ids[0]!)).toMatchObject({ status: 'paused', pausedBy: 'offline' })
    open()
    online = true
    listeners.forEach((l) => l(true))
    await uploader.whenIdle()
    expect(stateOf(uploader, ids[0]!).status).toBe('done')
  })

  it('adds 10,000 files in slices, in order, the first slice inside the call', async () => {
    const { transport } = scriptedTransport(ok)
    const uploader = make({ provider: recordingProvider(), transport, concurrency: 4 })
    const orderWrites: number[] = []
    uploader.store.subscribe((state, previous) => {
      if (state.order !== previous.order) orderWrites.push(state.order.length)
    })
    const inputs = Array.from({ length: 10_000 }, (_, i) => file(`f${i}`, 1))
    const added = uploader.addFiles(inputs)
    // The first slice is in the store before the call returned; the rest come in later tasks.
    const firstSlice = uploader.store.getState().order.length
    expect(firstSlice).toBeGreaterThan(0)
    expect(firstSlice).toBeLessThan(10_000)
    const { ids } = await added
    expect(ids).toHaveLength(10_000)
    expect(uploader.store.getState().order).toEqual(ids)
    expect(ids.map((id) => stateOf(uploader, id).name)).toEqual(inputs.map((f) => f.name))
    // Several writes (slices), each larger than the last; never one per file.
    expect(orderWrites.length).toBeGreaterThan(1)
    expect(orderWrites.length).toBeLessThan(10_000 / 16)
    await tick(60)
    expect(selectTotals(uploader.store.getState()).active).toBeLessThanOrEqual(8)
    uploader.cancelAll()
  }, 30_000) // functional, not a time budget: a busy machine may take long

  it('cancelling everything while files are still being added stops the adding', async () => {
    const { transport } = scriptedTransport(ok)
    const uploader = make({ provider: recordingProvider(), transport })
    const added = uploader.addFiles(Array.from({ length: 10_000 }, (_, i) => file(`f${i}`, 1)))
    const inStore = uploader.store.getState().order.length
    uploader.cancelAll()
    const { ids, rejected } = await added
    expect(ids).toHaveLength(inStore)
    expect(rejected).toHaveLength(10_000 - inStore)
    expect(rejected[0]!.error.code).toBe('aborted')
    await uploader.whenIdle()
    expect(uploader.store.getState().order).toHaveLength(inStore)
    expect(selectFiles(uploader.store.getState()).every((f) => f.status === 'cancelled')).toBe(true)
  }, 30_000) // functional, not a time budget: a busy machine may take long

  it('with a single lane, hashes the next part while the current one is sent', async () => {
    const events: string[] = []
    const provider = { ...recordingProvider(), maxConcurrency: 1, partChecksum: 'md5' as const }
    const hasher = {
      ...plainHasher,
      async hashPart(part: Blob) {
        events.push(`hash ${(await part.text()).charCodeAt(0) - 64}`)
        return { checksums: {}, bytes: part.size }
      },
    }
    const { transport } = scriptedTransport(async (url) => {
      events.push(`sent ${url.split('/').pop()}`)
      return ok(url)
    })
    const uploader = make({ provider, hasher, transport, partSize: 10, concurrency: 4 })
    // Part n is filled with the letter n (A, B, C) so the hasher can tell which part it reads.
    await uploader.addFiles([new File(['A'.repeat(10), 'B'.repeat(10), 'C'.repeat(10)], 'a')])
    await uploader.whenIdle()
    expect(events).toEqual(['hash 1', 'hash 2', 'sent 1', 'hash 3', 'sent 2', 'sent 3'])
  })

  it('removes files from state', async () => {
    const uploader = make({ provider: recordingProvider(), autoStart: false })
    const a = file('a', 1)
    const { ids } = await uploader.addFiles([a, file('b', 1)])
    expect(uploader.getFile(ids[0]!)).toBe(a)
    uploader.remove(ids[0]!)
    expect(uploader.store.getState().order).toEqual([ids[1]])
    expect(uploader.store.getState().files[ids[0]!]).toBeUndefined()
    expect(uploader.getFile(ids[0]!)).toBeUndefined()
  })
})
