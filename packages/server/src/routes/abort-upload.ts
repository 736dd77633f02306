import { AbortMultipartUploadCommand } from '@aws-sdk/client-s3'
import type { SignerRoute } from './route'

/** DELETE /s3/multipart/:uploadId?token=T -> `{}`. */
export const abortUpload: SignerRoute = {
  method: 'DELETE',
  path: '/s3/multipart/:uploadId',
  upload: true,
  async handle({ config, upload }) {
    await config.client.send(new AbortMultipartUploadCommand({ Bucket: config.bucket, Key: upload.key, UploadId: upload.uploadId }))
    return {}
  },
}
