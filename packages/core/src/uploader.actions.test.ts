import { describe, expect, it } from 'vitest'
import { UploadError } from './errors'
import { plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import { createUploader } from './uploader'

const file = (name: string, size = 20) => new File([new Uint8Array(size)], name, { lastModified: 1 })
const ok = (url: string) => response(200, { ETag: `"${url.split('/').pop()}"` })
/** Long enough for the engine's batched store write (50 ms). */
const tick = (ms = 80) => new Promise((r) => setTimeout(r, ms))
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
    await tick()
    expect(ids.map((id) => statusOf(uploader, id))).toEqual(['uploading', 'uploading'])
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
    await tick()
    expect(statusOf(uploader, id)).toBe('uploading')
    expect(uploader.pause(id)).toBe(true)
    expect(uploader.pause(id)).toBe(false)
    expect(statusOf(uploader, id)).toBe('paused')
    expect(uploader.resume(id)).toBe(true)
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
    await tick()
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
    await uploader.whenIdle()
    expect(ids.map((id) => statusOf(uploader, id))).toEqual(['done', 'done'])
  })
})
