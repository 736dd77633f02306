import { describe, expect, it } from 'vitest'
import { selectFile, selectTotals } from './store/selectors'
import { plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import { createUploader } from './uploader'

const file = (name: string, size: number) => new File([new Uint8Array(size).fill(7)], name, { type: 'application/octet-stream' })
const ok = (url: string) => response(200, { ETag: `"etag-${url.split('/').pop()}"` })
const fastRetry = { baseDelayMs: 1, maxDelayMs: 2 }

describe('createUploader', () => {
  it('uploads a file part by part and completes with every receipt in order', async () => {
    const provider = recordingProvider()
    const { transport } = scriptedTransport(ok)
    const uploader = createUploader({ provider, hasher: plainHasher, transport, partSize: 10 })
    const [id] = uploader.addFiles([file('a.bin', 35)])
    await uploader.whenIdle()

    const state = selectFile(id!)(uploader.store.getState())!
    expect(state.status).toBe('done')
    expect(state.bytesSent).toBe(35)
    expect(state.partsTotal).toBe(4)
    expect(state.result).toEqual({ location: 'session-a.bin' })
    expect(provider.completedWith[0]!.map((r) => [r.number, r.size, r.token])).toEqual([
      [1, 10, '"etag-1"'],
      [2, 10, '"etag-2"'],
      [3, 10, '"etag-3"'],
      [4, 5, '"etag-4"'],
    ])
  })

  it('keeps parts in flight under the global limit across files', async () => {
    const { transport, state } = scriptedTransport(ok)
    const uploader = createUploader({ provider: recordingProvider(), hasher: plainHasher, transport, partSize: 4, concurrency: 3 })
    uploader.addFiles([file('a', 40), file('b', 40), file('c', 40)])
    await uploader.whenIdle()
    expect(state.maxInFlight).toBe(3)
    expect(state.sent).toHaveLength(30)
    expect(selectTotals(uploader.store.getState())).toMatchObject({ files: 3, done: 3, bytesSent: 120, progress: 1 })
  })

  it('retries a part that got a 503 and still completes', async () => {
    const { transport, state } = scriptedTransport((url, attempt) =>
      url.endsWith('/2') && attempt < 3 ? response(503, { 'Retry-After': '0' }) : ok(url),
    )
    const uploader = createUploader({ provider: recordingProvider(), hasher: plainHasher, transport, partSize: 10, retry: fastRetry })
    const [id] = uploader.addFiles([file('a', 25)])
    await uploader.whenIdle()
    expect(selectFile(id!)(uploader.store.getState())!.status).toBe('done')
    expect(state.sent.filter((u) => u.endsWith('/2'))).toHaveLength(3)
  })

  it('fails with a typed, readable error when the server rejects a part for good', async () => {
    const { transport } = scriptedTransport(() => response(400, {}, '<Error><Code>InvalidArgument</Code></Error>'))
    const errors: string[] = []
    const uploader = createUploader({
      provider: recordingProvider(),
      hasher: plainHasher,
      transport,
      partSize: 10,
      onError: (_file, error) => errors.push(error.code),
    })
    const [id] = uploader.addFiles([file('a', 25)])
    await uploader.whenIdle()
    const state = selectFile(id!)(uploader.store.getState())!
    expect(state.status).toBe('error')
    expect(state.error).toMatchObject({ code: 'server-rejected', retryable: false, status: 400 })
    expect(state.error!.message).toMatch(/400/)
    expect(errors).toEqual(['server-rejected'])
  })

  it('gives up after the retry budget on a server that keeps failing', async () => {
    const { transport, state } = scriptedTransport(() => response(500))
    const uploader = createUploader({
      provider: recordingProvider(),
      hasher: plainHasher,
      transport,
      partSize: 100,
      retry: { ...fastRetry, attempts: 3 },
    })
    const [id] = uploader.addFiles([file('a', 10)])
    await uploader.whenIdle()
    expect(selectFile(id!)(uploader.store.getState())!.error).toMatchObject({ code: 'http', retryable: true, status: 500 })
    expect(state.sent).toHaveLength(3)
  })

  it('cancels: aborts in-flight requests and the provider session', async () => {
    const provider = recordingProvider()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const { transport } = scriptedTransport(async (url) => {
      await gate
      return ok(url)
    })
    const uploader = createUploader({ provider, hasher: plainHasher, transport, partSize: 10 })
    const [id] = uploader.addFiles([file('a', 30)])
    await new Promise((r) => setTimeout(r, 5))
    uploader.cancel(id)
    release()
    await uploader.whenIdle()
    await new Promise((r) => setTimeout(r, 5))
    expect(selectFile(id!)(uploader.store.getState())!.status).toBe('cancelled')
    expect(provider.calls).toContain('abort')
    expect(provider.calls).not.toContain('complete')
  })

  it('rejects an empty file before any request when the provider cannot take one', async () => {
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: 10, maxParts: 10, maxFileSize: 100, allowsEmptyFiles: false })
    const { transport, state } = scriptedTransport(ok)
    const uploader = createUploader({ provider, hasher: plainHasher, transport })
    const [id] = uploader.addFiles([file('empty', 0)])
    await uploader.whenIdle()
    expect(selectFile(id!)(uploader.store.getState())!.error?.code).toBe('file-empty')
    expect(provider.calls).toEqual([])
    expect(state.sent).toEqual([])
  })

  it('adds many files in one store write', () => {
    const uploader = createUploader({ provider: recordingProvider(), hasher: plainHasher, autoStart: false })
    let writes = 0
    uploader.store.subscribe(() => writes++)
    uploader.addFiles(Array.from({ length: 1000 }, (_, i) => file(`f${i}`, 1)))
    expect(writes).toBe(1)
    expect(uploader.store.getState().order).toHaveLength(1000)
    expect(selectTotals(uploader.store.getState()).queued).toBe(1000)
  })

  it('removes files from state', () => {
    const uploader = createUploader({ provider: recordingProvider(), hasher: plainHasher, autoStart: false })
    const [a, b] = uploader.addFiles([file('a', 1), file('b', 1)])
    uploader.remove(a)
    expect(uploader.store.getState().order).toEqual([b])
    expect(uploader.store.getState().files[a!]).toBeUndefined()
  })
})
