/** Real drag events carrying a real DataTransfer (TOOLCHAIN §9.7: Testing Library's init object loses files). */
export function dragEvent(type: 'dragenter' | 'dragover' | 'dragleave' | 'drop', files: File[]): DragEvent {
  const transfer = new DataTransfer()
  for (const file of files) transfer.items.add(file)
  return new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer })
}

export function dropFiles(target: Element, files: File[]): void {
  target.dispatchEvent(dragEvent('dragenter', files))
  target.dispatchEvent(dragEvent('dragover', files))
  target.dispatchEvent(dragEvent('drop', files))
}

export function pasteFiles(target: Element, files: File[]): void {
  const transfer = new DataTransfer()
  for (const file of files) transfer.items.add(file)
  target.dispatchEvent(new ClipboardEvent('paste', { bubbles: true, cancelable: true, clipboardData: transfer }))
}

/** A tiny PNG (solid colour) made on a canvas, for thumbnail stories. */
export async function makePng(name: string, width = 64, height = 48, colour = '#3b82f6'): Promise<File> {
  const canvas = new OffscreenCanvas(width, height)
  const ctx = canvas.getContext('2d')!
  ctx.fillStyle = colour
  ctx.fillRect(0, 0, width, height)
  const blob = await canvas.convertToBlob({ type: 'image/png' })
  return new File([blob], name, { type: 'image/png' })
}

export const textFile = (name: string, size = 1024) => new File([new Uint8Array(size).fill(97)], name, { type: 'text/plain' })
