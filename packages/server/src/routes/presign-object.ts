import { PutObjectCommand } from '@aws-sdk/client-s3'
import { getSignedUrl } from '@aws-sdk/s3-request-presigner'
import { checksumHeader, readChecksum, unhoisted } from '../checksums'
import { objectKeyFor, readFileRequest } from '../declared-file'
import { SignerError } from '../errors'
import type { SignerRoute } from './route'

import type { Identity, SignerConfig } from '../options'

/** A presigned PutObject: what the browser sends the file's bytes to, with the headers signed into it. */
export interface PresignedObject {
  url: string
  key: string
  size: number
  expiresAt: number
  headers: Record<string, string>
}

/**
 * One presigned PutObject for a small file, from a create request `{filename, type, size,
 * metadata?, checksumAlgorithm?, checksum?}`. Its Content-Length (the declared size),
 * Content-Type and Content-Disposition are signed, so the browser must send exactly `headers`
 * and a body of exactly `size` bytes. Shared by POST /s3/object and POST /s3/objects.
 */
export async function presignPut(body: Record<string, unknown>, config: SignerConfig, identity: Identity): Promise<PresignedObject> {
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
}

/** POST /s3/object `{filename, type, size, metadata?, checksumAlgorithm?, checksum?}` -> `{url, key, size, expiresAt, headers}` (see presignPut). */
export const presignObject: SignerRoute = {
  method: 'POST',
  path: '/s3/object',
  body: 'json',
  handle: ({ body, config, identity }) => presignPut(body, config, identity),
}
