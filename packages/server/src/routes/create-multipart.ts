import { CreateMultipartUploadCommand } from '@aws-sdk/client-s3'
import { objectKeyFor, readFileRequest } from '../declared-file'
import { SignerError } from '../errors'
import { planUpload } from '../upload-plan'
import type { SignerRoute } from './route'

/**
 * POST /s3/multipart `{filename, type, size, partSize?, metadata?, checksumAlgorithm?}`
 * -> `{key, uploadId, token, partSize, partCount, expiresAt}`.
 * The declared size fixes the plan here, for good: every later call is checked against it.
 */
export const createMultipart: SignerRoute = {
  method: 'POST',
  path: '/s3/multipart',
  body: 'json',
  async handle({ body, config, identity }) {
    const request = readFileRequest(body, config)
    const plan = planUpload(request.file.size, request.partSize ?? config.partSize, config.partLimits)
    if (!plan) throw new SignerError('too-many-parts', 413, { message: `a file of ${request.file.size} bytes does not fit in ${config.partLimits.maxParts} parts` })
    const key = objectKeyFor(request.file, identity, config)
    const created = await config.client.send(
      new CreateMultipartUploadCommand({
        Bucket: config.bucket,
        Key: key,
        ContentType: request.storedType,
        ContentDisposition: config.contentDisposition,
        Metadata: request.metadata,
        ...(request.checksumAlgorithm ? { ChecksumAlgorithm: request.checksumAlgorithm } : {}),
      }),
    )
    if (!created.UploadId) throw new SignerError('storage-error', 502, { detail: 'CreateMultipartUpload returned no UploadId' })
    const expiresAt = Date.now() + config.uploadTtlMs
    const claims = { uploadId: created.UploadId, key, plan, ...(request.checksumAlgorithm ? { checksum: request.checksumAlgorithm } : {}), expiresAt }
    const token = await config.tokens.issue(claims, identity)
    return { key, uploadId: created.UploadId, token, partSize: plan.partSize, partCount: plan.partCount, expiresAt }
  },
}
