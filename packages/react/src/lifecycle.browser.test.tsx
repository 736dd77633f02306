import { type UploadProvider, type Uploader, createUploader } from '@uplink/core'
import { cleanup, render, waitFor } from '@testing-library/react'
import { StrictMode, useEffect, useMemo } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { UploaderProvider } from './context'
import { FileList } from './components/FileList'

// An app that makes one uploader per storage and switches storage (as the demo does), under
// StrictMode: after many switches nothing of the old uploaders is left: no worker, no window
// listener, no memory.
const MiB = 1024 * 1024
const undo: Array<() => void> = []
afterEach(() => {
  cleanup()
  undo.splice(0).forEach((fn) => fn())
})

function fakeProvider(name: string): UploadProvider<{ name: string }> {
  return {
    name,
    limits: { minPartSize: 1, maxPartSize: MiB, maxParts: 100, maxFileSize: 1e9, allowsEmptyFiles: true },
    partChecksum: 'md5', // so each uploader starts hashing workers
    createUpload: async (file) => ({ session: { name: file.name } }),
    partRequest: async (session, part) => ({ method: 'PUT', url: `test://${session.name}/${part.number}`, headers: {} }),
    partReceipt: (_session, part) => ({ number: part.number, size: part.size, token: `"${part.number}"` }),
    completeUpload: async (session) => ({ key: session.name }),
  }
}

/** Uploaders that were used (retained), and how many of them the garbage collector took. */
const finalized = { count: 0 }
const registry = new FinalizationRegistry(() => void finalized.count++)
const registered = new WeakSet<Uploader>()
/** StrictMode runs effects twice: each uploader gets its file once. */
const fed = new WeakSet<Uploader>()

function Session({ storage }: { storage: string }) {
  const uploader = useMemo(() => {
    // Something big that lives exactly as long as this uploader.
    const ballast = new Float64Array(256 * 1024).fill(1.5)
    const made = createUploader({
      provider: fakeProvider(storage),
      transport: async (_request, body, { onProgress }) => {
        onProgress?.(body.size)
        return { status: 200, body: '', header: () => null }
      },
      persistence: false,
      restrictions: { validate: () => (ballast[0]! > 2 ? 'never' : undefined) },
    })
    return made
  }, [storage])
  useEffect(() => {
    if (!registered.has(uploader)) registry.register(uploader, storage)
    registered.add(uploader)
    return uploader.retain()
  }, [uploader, storage])
  useEffect(() => {
    if (fed.has(uploader)) return
    fed.add(uploader)
    void uploader.addFiles([new File([new Uint8Array(2 * MiB)], `${storage}.bin`)])
  }, [uploader, storage])
  return (
    <UploaderProvider uploader={uploader}>
      <FileList />
      <output data-testid="status">{storage}</output>
    </UploaderProvider>
  )
}

function App({ storage }: { storage: string }) {
  return (
    <StrictMode>
      <Session key={storage} storage={storage} />
    </StrictMode>
  )
}

function trackWorkers() {
  const Original = globalThis.Worker
  const live = new Set<Worker>()
  globalThis.Worker = class extends Original {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args)
      live.add(this)
    }
    override terminate() {
      live.delete(this)
      super.terminate()
    }
  }
  undo.push(() => void (globalThis.Worker = Original))
  return live
}

function trackNetworkListeners() {
  const add = window.addEventListener.bind(window)
  const remove = window.removeEventListener.bind(window)
  const live = new Set<unknown>()
  const watched = (type: string) => type === 'online' || type === 'offline'
  window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
    if (watched(type)) live.add(listener)
    add(type, listener, options)
  }) as typeof window.addEventListener
  window.removeEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions) => {
    if (watched(type)) live.delete(listener)
    remove(type, listener, options)
  }) as typeof window.removeEventListener
  undo.push(() => {
    window.addEventListener = add
    window.removeEventListener = remove
  })
  return live
}

const gc = () => (globalThis as { gc?: () => void }).gc!()
const heap = () => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize
const settle = () => new Promise((r) => setTimeout(r, 50))

describe('switching uploaders in a React app (StrictMode)', () => {
  it('leaves no worker, listener or memory of the old ones after 25 switches', async () => {
    const workers = trackWorkers()
    const listeners = trackNetworkListeners()
    const view = render(<App storage="s-0" />)
    const switchTo = async (i: number) => {
      view.rerender(<App storage={`s-${i}`} />)
      // Each new uploader starts its hashing workers first: on a busy machine that takes longer
      // than waitFor's default second.
      await waitFor(() => expect(view.getByText(`s-${i}.bin`)).toBeTruthy(), { timeout: 15_000 })
      await waitFor(() => expect(view.container.querySelector('[data-status="done"]')).toBeTruthy(), { timeout: 15_000 })
    }
    for (let i = 1; i <= 5; i++) await switchTo(i)
    await settle()
    gc()
    const before = heap()
    for (let i = 6; i <= 25; i++) await switchTo(i)
    await settle()
    gc()
    await settle()
    gc()
    const after = heap()
    // The current uploader's workers only (a pool of at most 4), and one pair of window listeners.
    expect(workers.size).toBeLessThanOrEqual(4)
    expect(listeners.size).toBeLessThanOrEqual(1) // the one online manager's handler, for both events
    // Each uploader held 2 MiB of ballast: 20 leaked ones would be 40 MiB.
    expect(after - before).toBeLessThan(4 * MiB)
    // Every uploader but the current one is collected (each was disposed when its session unmounted).
    await expect
      .poll(() => {
        gc()
        return finalized.count
      }, { timeout: 10_000 })
      .toBeGreaterThanOrEqual(24)
  }, 120_000)
})

