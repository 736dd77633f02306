import { type ThumbnailResponse, renderThumbnail } from './render-thumbnail'

/**
 * One shared worker makes all thumbnails, one at a time per request id; where module workers
 * cannot start (old browsers, odd bundlers), the same code runs on the main thread.
 */
let worker: Worker | null | undefined
let nextId = 1
const waiting = new Map<number, { resolve: (blob: Blob) => void; reject: (error: Error) => void }>()

function getWorker(): Worker | null {
  if (worker !== undefined) return worker
  try {
    worker = new Worker(new URL('./thumbnail.worker.ts', import.meta.url), { type: 'module', name: 'uplink-thumbnails' })
    worker.onmessage = (event: MessageEvent<ThumbnailResponse>) => {
      const job = waiting.get(event.data.id)
      waiting.delete(event.data.id)
      if (!job) return
      if ('blob' in event.data) job.resolve(event.data.blob)
      else job.reject(new Error(event.data.error))
    }
    worker.onerror = () => {
      // The worker could not load: fail what is waiting and fall back to the main thread from now on.
      for (const job of waiting.values()) job.reject(new Error('thumbnail worker failed'))
      waiting.clear()
      worker?.terminate()
      worker = null
    }
  } catch {
    worker = null
  }
  return worker
}

/** Whether this file type can get a thumbnail (SVG is skipped: workers cannot decode it). */
export function makeThumbnail(blob: Blob, size: number): Promise<Blob> {
  if (typeof createImageBitmap !== 'function') return Promise.reject(new Error('no createImageBitmap'))
  const target = typeof Worker === 'function' && typeof OffscreenCanvas === 'function' ? getWorker() : null
  if (!target) return renderThumbnail(blob, size)
  const id = nextId++
  return new Promise<Blob>((resolve, reject) => {
    waiting.set(id, { resolve, reject })
    target.postMessage({ id, blob, size })
  }).catch(() => renderThumbnail(blob, size))
}
