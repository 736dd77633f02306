export interface ThumbnailRequest {
  id: number
  blob: Blob
  size: number
}
export type ThumbnailResponse = { id: number; blob: Blob } | { id: number; error: string }

/**
 * A small JPEG/PNG preview. createImageBitmap decodes and scales in one step (the browser
 * decodes off the main thread; the resize options avoid holding the full-size bitmap).
 * Works in a worker (OffscreenCanvas) and on the main thread where there is none.
 */
export async function renderThumbnail(blob: Blob, size: number): Promise<Blob> {
  const probe = await createImageBitmap(blob)
  const scale = Math.min(1, size / Math.max(probe.width, probe.height))
  const width = Math.max(1, Math.round(probe.width * scale))
  const height = Math.max(1, Math.round(probe.height * scale))
  probe.close()
  const bitmap = await createImageBitmap(blob, { resizeWidth: width, resizeHeight: height, resizeQuality: 'medium' })
  try {
    if (typeof OffscreenCanvas !== 'undefined') {
      const canvas = new OffscreenCanvas(width, height)
      canvas.getContext('2d')!.drawImage(bitmap, 0, 0)
      return await canvas.convertToBlob({ type: 'image/webp', quality: 0.8 })
    }
    const canvas = document.createElement('canvas')
    canvas.width = width
    canvas.height = height
    canvas.getContext('2d')!.drawImage(bitmap, 0, 0)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((out) => (out ? resolve(out) : reject(new Error('canvas.toBlob failed'))), 'image/webp', 0.8),
    )
  } finally {
    bitmap.close()
  }
}
