/// <reference lib="webworker" />
import { type ThumbnailRequest, type ThumbnailResponse, renderThumbnail } from './render-thumbnail'

/** Decodes and scales images off the main thread: createImageBitmap + OffscreenCanvas. */
self.onmessage = async (event: MessageEvent<ThumbnailRequest>) => {
  const { id, blob, size } = event.data
  let response: ThumbnailResponse
  try {
    response = { id, blob: await renderThumbnail(blob, size) }
  } catch (error) {
    response = { id, error: error instanceof Error ? error.message : String(error) }
  }
  ;(self as unknown as DedicatedWorkerGlobalScope).postMessage(response)
}
