import { randomBytes } from 'node:crypto'

/**
 * An S3 error, as storage reports it: HTTP status, S3 error code, message and any extra
 * elements S3 adds (e.g. <Expires>/<ServerTime> for an expired URL). Vendor modules catch it
 * from the storage library and translate it into their own error shape.
 */
export class StorageError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly extra: Record<string, string | number> = {},
  ) {
    super(message)
    this.name = 'StorageError'
  }
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;')

/** The S3 XML error document for `error`. */
export function errorXml(error: StorageError): string {
  const extra = Object.entries(error.extra)
    .map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`)
    .join('')
  const requestId = randomBytes(8).toString('hex').toUpperCase()
  const hostId = randomBytes(24).toString('base64')
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message>` +
    `${extra}<RequestId>${requestId}</RequestId><HostId>${hostId}</HostId></Error>`
  )
}

/** The error S3 gives for an upload id that is unknown, aborted or already completed. */
export const noSuchUpload = (uploadId: string) =>
  new StorageError(404, 'NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.', {
    UploadId: uploadId,
  })
