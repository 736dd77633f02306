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

/** The drop zone of a story: the group named by its text. */
export const zoneIn = (root: ParentNode): HTMLElement => root.querySelector<HTMLElement>('[data-uplink-dropzone]')!

/** The live announcer's messages, polite and assertive (it lives at the start of <body>, shared by the page). */
export function announced(which: 'polite' | 'assertive'): string {
  return document.querySelector(`[data-uplink-live-region="${which}"]`)?.textContent ?? ''
}

/**
 * Pretend the primary pointer is coarse (a phone) for code that asks matchMedia, as a story's
 * beforeEach; returns the cleanup. (CSS media queries are not affected: the target-size test
 * emulates touch in the browser instead.)
 */
export function pretendCoarsePointer(): () => void {
  const original = window.matchMedia
  window.matchMedia = (query: string) => {
    if (query !== '(pointer: coarse)') return original.call(window, query)
    const noop = () => {}
    return { matches: true, media: query, onchange: null, addEventListener: noop, removeEventListener: noop, addListener: noop, removeListener: noop, dispatchEvent: () => false }
  }
  return () => {
    window.matchMedia = original
  }
}
