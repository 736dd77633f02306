import { UploadPartCommand } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { checksumHeader, readAlgorithm, readChecksum, unhoisted } from '../checksums'
import { SignerError, invalidRequest } from '../errors'
import { partLength } from '../upload-plan'
import type { SignerRoute } from './route'

/** Most part URLs signed in one call. */
export const MAX_BATCH = 100

/**
 * GET /s3/multipart/:uploadId/batch?token=T&partNumbers=1,2,3[&checksumAlgorithm=A&checksums=c1,c2,c3]
 * -> `{presignedUrls: {"1": url}, expiresAt, headers?: {"1": {...}}}`.
 * Only parts of the plan are signed, each with its exact Content-Length as a signed header: S3
 * refuses a body of any other length (403 SignatureDoesNotMatch).
 */
export const signParts: SignerRoute = {
  method: 'GET',
  path: '/s3/multipart/:uploadId/batch',
  upload: true,
  async handle({ query, upload, config }) {
    const numbers = [...new Set((query.get('partNumbers') ?? '').split(',').filter(Boolean).map(Number))]
    if (numbers.length === 0 || numbers.length > MAX_BATCH) throw invalidRequest(`partNumbers must list 1..${MAX_BATCH} parts`)
    const lengths = numbers.map((n) => partLength(upload.plan, n))
    if (lengths.some((length) => length === undefined)) {
      throw new SignerError('part-not-in-plan', 400, { message: `part numbers are 1..${upload.plan.partCount} for this upload` })
    }
    // With an additional checksum (fixed at create), each part's value is signed into its URL
    // (s3.md §4), so the browser must send exactly that header and S3 verifies the bytes.
    const algorithm = readAlgorithm(query.get('checksumAlgorithm'))
    if (algorithm !== upload.checksum) throw invalidRequest(upload.checksum ? `checksumAlgorithm must be ${upload.checksum} for this upload` : 'this upload has no checksumAlgorithm')
    const checksums = algorithm ? (query.get('checksums') ?? '').split(',').map((v) => readChecksum(v, algorithm)) : []
    if (algorithm && checksums.length !== numbers.length) throw invalidRequest('checksums must list one value per part number')

    const expiresIn = config.urlExpiresIn()
    const expiresAt = Date.now() + expiresIn * 1000
    const presignedUrls: Record<string, string> = {}
    const headers: Record<string, Record<string, string>> = {}
    await Promise.all(
      numbers.map(async (PartNumber, i) => {
        const checksum = checksums[i]
        const command = new UploadPartCommand({
          Bucket: config.bucket,
          Key: upload.key,
          UploadId: upload.uploadId,
          PartNumber,
          ContentLength: lengths[i]!,
          ...(algorithm && checksum ? { [`Checksum${algorithm}`]: checksum } : {}),
        })
        presignedUrls[PartNumber] = await getSignedUrl(config.client, command, { expiresIn, ...unhoisted(algorithm) })
        if (algorithm && checksum) headers[PartNumber] = { [checksumHeader(algorithm)]: checksum }
      }),
    )
    return { presignedUrls, expiresAt, ...(algorithm ? { headers } : {}) }
  },
}
