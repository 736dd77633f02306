import { PutObjectCommand } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { checksumHeader, readChecksum, unhoisted } from '../checksums'
import { objectKeyFor, readFileRequest } from '../declared-file'
import { SignerError } from '../errors'
import type { SignerRoute } from './route'

/**
 * POST /s3/object `{filename, type, size, metadata?, checksumAlgorithm?, checksum?}`
 * -> `{url, key, size, expiresAt, headers}`: one presigned PutObject for a small file. Its
 * Content-Length (the declared size), Content-Type and Content-Disposition are signed, so the
 * browser must send exactly `headers` and a body of exactly `size` bytes.
 */
export const presignObject: SignerRoute = {
  method: 'POST',
  path: '/s3/object',
  body: 'json',
  async handle({ body, config, identity }) {
    const request = readFileRequest(body, config)
    const { size } = request.file
    if (size > config.partLimits.maxPartSize) {
      throw new SignerError('file-too-large', 413, { message: `one request takes at most ${config.partLimits.maxPartSize} bytes; use multipart` })
    }
    const algorithm = request.checksumAlgorithm
    const checksum = algorithm ? readChecksum(body.checksum, algorithm) : undefined
    const key = objectKeyFor(request.file, identity, config)
    const expiresIn = config.urlExpiresIn()
    const command = new PutObjectCommand({
      Bucket: config.bucket,
      Key: key,
      ContentLength: size,
      ContentType: request.storedType,
      ContentDisposition: config.contentDisposition,
      Metadata: request.metadata,
      ...(algorithm && checksum ? { [`Checksum${algorithm}`]: checksum } : {}),
    })
    const url = await getSignedUrl(config.client, command, { expiresIn, signableHeaders: new Set(['content-type']), ...unhoisted(algorithm) })
    const headers: Record<string, string> = {
      'Content-Type': request.storedType,
      'Content-Disposition': config.contentDisposition,
      ...(algorithm && checksum ? { [checksumHeader(algorithm)]: checksum } : {}),
    }
    return { url, key, size, expiresAt: Date.now() + expiresIn * 1000, headers }
  },
}
