import { UploadError } from '../errors'

/**
 * The bytes of a Blob (a part, or a chunk of a file). A File that changed on disk after it was
 * picked fails to read (Chromium: NotReadableError): that is the file changing under the
 * upload, not a broken disk, and the engine says so with `file-changed`.
 */
export async function readBlob(blob: Blob): Promise<Uint8Array> {
  try {
    return new Uint8Array(await blob.arrayBuffer())
  } catch (cause) {
    throw readError(cause)
  }
}

export function readError(cause: unknown): UploadError {
  const name = (cause as { name?: unknown } | null)?.name
  if (name === 'NotReadableError') {
    return new UploadError({
      code: 'file-changed',
      message: 'The file changed on disk (or lost its read permission) after it was added; add it again to upload the new version.',
      cause,
    })
  }
  const detail = cause instanceof Error ? cause.message : String(cause)
  return new UploadError({ code: 'file-unreadable', message: `The file could not be read (${detail}). It may have been moved or deleted.`, cause })
}
