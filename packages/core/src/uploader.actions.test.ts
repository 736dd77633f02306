import { describe, expect, it, vi } from 'vitest'
import { UploadError } from './errors'
import { plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import type { UploaderEvents } from './events/uploader-events'
import { createUploader } from './uploader'

const file = (name: string, size = 20) => new File([new Uint8Array(size)], name, { lastModified: 1 })
const ok = (url: string) => response(200, { ETag: `"${url.split('/').pop()}"` })
/** A transport that holds every request until `open()`. */
function gated() {
  let open!: () => void
  const gate = new Promise<void>((r) => (open = r))
  const scripted = scriptedTransport(async (url) => (await gate, ok(url)))
  return { ...scripted, open }
}
const make = (transport = scriptedTransport(ok).transport, autoStart = true) =>
  createUploader({ provider: recordingProvider(), transport, hasher: plainHasher, partSize: 10, retry: { baseDelayMs: 1, maxDelayMs: 2 }, autoStart })
const statusOf = (uploader: ReturnType<typeof make>, id: string) => uploader.store.getState().files[id]?.status

describe('per-file actions', () => {
  it('need an id the uploader has: a missing or unknown id is a typed error, never "all files"', async () => {
    const uploader = make(gated().transport)
    const { ids } = await uploader.addFiles([file('a'), file('b')])
    for (const action of ['start', 'pause', 'resume', 'cancel', 'retry', 'remove'] as const) {
      for (const bad of [undefined, 'nope', '']) {
        const call = () => (uploader[action] as (id: unknown) => boolean)(bad)
        expect(call).toThrow(UploadError)
        expect(call).toThrow(expect.objectContaining({ code: 'unknown-file' }))
      }
    }
    await vi.waitFor(() => expect(ids.map((id) => statusOf(uploader, id))).toEqual(['uploading', 'uploading']))
    uploader.dispose()
  })

  it('return true when they act, false when the status does not allow them (and change nothing)', async () => {
    const net = gated()
    const uploader = make(net.transport, false)
    const { ids } = await uploader.addFiles([file('a')])
    const id = ids[0]!
    expect(uploader.resume(id)).toBe(false)
    expect(uploader.retry(id)).toBe(false)
    expect(uploader.start(id)).toBe(true)
    expect(uploader.start(id)).toBe(false) // already on its way
    await vi.waitFor(() => expect(statusOf(uploader, id)).toBe('uploading'))
    expect(uploader.pause(id)).toBe(true)
    expect(uploader.pause(id)).toBe(false)
    expect(statusOf(uploader, id)).toBe('paused')
    expect(uploader.resume(id)).toBe(true)
    expect(uploader.store.getState().files[id]).toMatchObject({ status: 'queued', pausedBy: undefined })
    expect(uploader.cancel(id)).toBe(true)
    expect(uploader.cancel(id)).toBe(false)
    expect(uploader.pause(id)).toBe(false)
    expect(statusOf(uploader, id)).toBe('cancelled')
    expect(uploader.retry(id)).toBe(true)
    net.open()
    await uploader.whenIdle()
    expect(statusOf(uploader, id)).toBe('done')
    expect(uploader.cancel(id)).toBe(false)
    expect(uploader.remove(id)).toBe(true)
    expect(uploader.store.getState().order).toEqual([])
    expect(() => uploader.remove(id)).toThrow(expect.objectContaining({ code: 'unknown-file' }))
  })

  it('bulk actions act on every file they apply to and say how many', async () => {
    const net = gated()
    const uploader = make(net.transport, false)
    const { ids } = await uploader.addFiles([file('a'), file('b'), file('c')])
    expect(uploader.startAll()).toBe(3)
    expect(uploader.startAll()).toBe(0)
    await vi.waitFor(() => expect(ids.map((id) => statusOf(uploader, id))).toEqual(['uploading', 'uploading', 'uploading']))
    expect(uploader.pauseAll()).toBe(3)
    expect(uploader.store.getState().totals.paused).toBe(3)
    expect(uploader.resumeAll()).toBe(3)
    expect(uploader.cancel(ids[1]!)).toBe(true)
    expect(uploader.cancelAll()).toBe(2)
    expect(uploader.retryAll()).toBe(0) // retryAll is for failed files; cancelled ones are retried one by one
    expect(uploader.retry(ids[0]!)).toBe(true)
    net.open()
    await uploader.whenIdle()
    expect(ids.map((id) => statusOf(uploader, id))).toEqual(['done', 'cancelled', 'cancelled'])
    expect(uploader.removeAll((f) => f.status === 'done')).toBe(1)
    expect(uploader.store.getState().order).toEqual(ids.slice(1))
    expect(uploader.removeAll()).toBe(2)
    expect(uploader.store.getState()).toMatchObject({ order: [], files: {}, totals: { files: 0, cancelled: 0 } })
  })

  it('retryAll sends every failed file again', async () => {
    let healthy = false
    const { transport } = scriptedTransport((url) => (healthy ? ok(url) : response(400, {}, 'no')))
    const uploader = make(transport)
    const { ids } = await uploader.addFiles([file('a'), file('b')])
    await uploader.whenIdle()
    expect(uploader.store.getState().totals.failed).toBe(2)
    healthy = true
    expect(uploader.retryAll()).toBe(2)
    // Back in the queue without the old error.
    expect(ids.map((id) => uploader.store.getState().files[id]!.error)).toEqual([undefined, undefined])
    await uploader.whenIdle()
    expect(ids.map((id) => statusOf(uploader, id))).toEqual(['done', 'done'])
  })

  it('what each action leaves behind: pause keeps the confirmed bytes only; cancel aborts the server session when there is one; remove tells listeners', async () => {
    // Two parts of 10 bytes, one lane: the first part is acknowledged, the second is held at the
    // "server". Only the first file is started; the second stays queued (no session).
    const { transport } = scriptedTransport(async (url) => (url.endsWith('/2') ? new Promise<never>(() => {}) : ok(url)))
    const provider = recordingProvider()
    const uploader = createUploader({ provider, transport, hasher: plainHasher, partSize: 10, concurrency: 1, autoStart: false, retry: { baseDelayMs: 1, maxDelayMs: 2 } })
    const events: Array<{ type: keyof UploaderEvents; id: string; status?: string; previous?: string }> = []
    uploader.on('file-status', (e) => events.push({ type: 'file-status', id: e.id, status: e.status, previous: e.previous }))
    uploader.on('file-removed', (e) => events.push({ type: 'file-removed', id: e.id }))
    const { ids } = await uploader.addFiles([file('a', 20), file('b', 20)])
    const [a, b] = ids as [string, string]
    expect(uploader.start(a)).toBe(true)
    await vi.waitFor(() => expect(provider.calls).toContain('target 2'))

    expect(uploader.pause(a)).toBe(true)
    // One write, at once: paused by the user, no speed or ETA, and only the acknowledged part counted.
    expect(uploader.store.getState().files[a]).toMatchObject({ status: 'paused', pausedBy: 'user', bytesSent: 10, speed: 0, etaSeconds: undefined })
    expect(events.at(-1)).toEqual({ type: 'file-status', id: a, status: 'paused', previous: 'uploading' })

    // Cancel of a file with a server session aborts it; of a file that never started, calls nothing.
    expect(uploader.cancel(a)).toBe(true)
    await vi.waitFor(() => expect(provider.calls.filter((c) => c === 'abort')).toHaveLength(1))
    expect(uploader.store.getState().files[a]!.status).toBe('cancelled')
    expect(uploader.store.getState().totals).toMatchObject({ cancelled: 1, bytesSent: 0 })
    expect(events.at(-1)).toEqual({ type: 'file-status', id: a, status: 'cancelled', previous: 'paused' })
    expect(uploader.cancel(b)).toBe(true)
    // Nothing may follow: give a stray abort the time it would need to show up (a few tasks).
    for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
    expect(provider.calls.filter((c) => c === 'abort')).toHaveLength(1)
    expect(provider.calls.filter((c) => c.startsWith('create'))).toEqual(['create a'])

    expect(uploader.removeAll()).toBe(2)
    expect(events.filter((e) => e.type === 'file-removed')).toEqual([
      { type: 'file-removed', id: a },
      { type: 'file-removed', id: b },
    ])
    uploader.dispose()
  })
})
