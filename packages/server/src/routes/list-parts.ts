import { listStoredParts } from './s3-parts'
import type { SignerRoute } from './route'

/** GET /s3/multipart/:uploadId?token=T -> `[{PartNumber, ETag, Size}]` (all pages merged): what S3 holds, for resume. */
export const listParts: SignerRoute = {
  method: 'GET',
  path: '/s3/multipart/:uploadId',
  upload: true,
  handle: ({ config, upload }) => listStoredParts(config, upload),
}
