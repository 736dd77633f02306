import { describe, expect, it, vi } from 'vitest'
import type { OnlineManager } from './environment/online-manager'
import type { PartHasher } from './hashing/part-hasher'
import { plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import { createUploader } from './uploader'

const file = (name: string, size = 20) => new File([new Uint8Array(size)], name, { lastModified: 1 })
const ok = (url: string) => response(200, { ETag: `"${url.split('/').pop()}"` })
const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms))

function network(initially = true) {
  let online = initially
  const listeners = new Set<(online: boolean) => void>()
  const manager: OnlineManager = { isOnline: () => online, subscribe: (l) => (listeners.add(l), () => void listeners.delete(l)) }
  return {
    manager,
    listeners,
    set(next: boolean) {
      online = next
      for (const listener of [...listeners]) listener(next)
    },
  }
}

function countingHasher() {
  const counts = { disposed: 0 }
  const hasher: PartHasher = { ...plainHasher, dispose: () => void counts.disposed++ }
  return { hasher, counts }
}

describe('uploader lifecycle', () => {
  it('dispose aborts uploads, releases the hasher and listeners, and is safe to call twice', async () => {
    const net = network()
    const { hasher, counts } = countingHasher()
    const never = scriptedTransport(() => new Promise(() => {}))
    const uploader = createUploader({ provider: recordingProvider(), transport: never.transport, hasher, onlineManager: net.manager })
    const events: string[] = []
    uploader.on('file-status', (e) => events.push(e.status))
    await uploader.addFiles([file('a')])
    await vi.waitFor(() => expect(never.state.inFlight).toBe(1))
    expect(net.listeners.size).toBe(1)
    uploader.dispose()
    uploader.dispose()
    expect(uploader.disposed).toBe(true)
    await tick()
    expect(never.state.inFlight).toBe(0) // the request was aborted
    expect(counts.disposed).toBe(1)
    expect(net.listeners.size).toBe(0)
    const late = await uploader.addFiles([file('b')])
    expect(late.ids).toEqual([])
    expect(late.rejected[0]!.error.code).toBe('aborted')
    const seen = events.length
    net.set(false)
    net.set(true)
    expect(events.length).toBe(seen) // nothing listens any more
  })

  it('an uploader made and dropped without files holds no listener (StrictMode renders twice)', () => {
    const net = network()
    createUploader({ provider: recordingProvider(), onlineManager: net.manager })
    expect(net.listeners.size).toBe(0)
  })

  it('survives release-and-retain in one task (StrictMode), disposes when the last user releases it', async () => {
    const uploader = createUploader({ provider: recordingProvider(), hasher: plainHasher })
    const releaseFirst = uploader.retain()
    releaseFirst()
    const releaseAgain = uploader.retain() // StrictMode: unmount, then mount again at once
    await tick()
    expect(uploader.disposed).toBe(false)
    const releaseOtherRoot = uploader.retain() // a second React root shares it
    releaseAgain()
    releaseAgain() // a release runs once
    await tick()
    expect(uploader.disposed).toBe(false)
    releaseOtherRoot()
    await tick()
    expect(uploader.disposed).toBe(true)
    expect(uploader.retain()).toBeTypeOf('function') // harmless after dispose
  })

  it('an uploader never retained lives until dispose()', async () => {
    const uploader = createUploader({ provider: recordingProvider(), hasher: plainHasher, transport: scriptedTransport(ok).transport })
    await uploader.addFiles([file('a')])
    await uploader.whenIdle()
    expect(uploader.disposed).toBe(false)
  })

  it('offline: a failing file waits, sends nothing until the network is back, then finishes', async () => {
    const net = network()
    let failures = 0
    const scripted = scriptedTransport((url) => {
      if (++failures === 1) {
        net.set(false) // the connection dropped while the part was on its way
        return response(0)
      }
      return ok(url)
    })
    const uploader = createUploader({ provider: recordingProvider(), transport: scripted.transport, hasher: plainHasher, onlineManager: net.manager, retry: { baseDelayMs: 1, maxDelayMs: 1 } })
    const { ids } = await uploader.addFiles([file('a')])
    await uploader.whenIdle()
    expect(uploader.store.getState()).toMatchObject({ online: false, files: { [ids[0]!]: { status: 'paused', pausedBy: 'offline' } } })
    await tick(100)
    expect(scripted.state.sent).toHaveLength(1) // nothing was retried while offline
    net.set(true)
    await uploader.whenIdle()
    expect(uploader.store.getState().files[ids[0]!]!.status).toBe('done')
    expect(scripted.state.sent).toHaveLength(2)
  })

  it('offline does not start files that were never started (autoStart off)', async () => {
    const net = network()
    const uploader = createUploader({ provider: recordingProvider(), transport: scriptedTransport(ok).transport, hasher: plainHasher, onlineManager: net.manager, autoStart: false })
    const { ids } = await uploader.addFiles([file('a')])
    net.set(false)
    net.set(true)
    await tick(80)
    expect(uploader.store.getState().files[ids[0]!]!.status).toBe('queued')
    await uploader.whenIdle()
  })

  it('back online resumes what the network paused, never what a person paused; the store says online', async () => {
    const net = network()
    const hold = scriptedTransport(() => new Promise(() => {}))
    const uploader = createUploader({ provider: recordingProvider(), transport: hold.transport, hasher: plainHasher, onlineManager: net.manager, concurrency: 2 })
    const { ids } = await uploader.addFiles([file('by-network'), file('by-person')])
    await vi.waitFor(() => expect(hold.state.inFlight).toBe(2))
    expect(uploader.pause(ids[1]!)).toBe(true)
    const status = (i: number) => uploader.store.getState().files[ids[i]!]!
    net.set(false)
    // (The network's changes reach the store with the next batched write.)
    await vi.waitFor(() => expect([status(0).status, status(0).pausedBy]).toEqual(['paused', 'offline']))
    expect(uploader.store.getState().online).toBe(false)
    expect(hold.state.inFlight).toBe(0)
    expect([status(1).status, status(1).pausedBy]).toEqual(['paused', 'user'])
    net.set(true)
    await vi.waitFor(() => expect(hold.state.inFlight).toBe(1))
    await vi.waitFor(() => expect(uploader.store.getState().online).toBe(true))
    expect(status(0).status).not.toBe('paused')
    expect([status(1).status, status(1).pausedBy]).toEqual(['paused', 'user'])
    uploader.dispose()
  })
})
