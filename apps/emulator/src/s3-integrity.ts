import { createHash } from 'node:crypto'
import type http from 'node:http'
import { checksumOf, isChecksumAlgorithm } from './vendors/fake-storage/checksums'

/**
 * The integrity checks S3 makes on a PUT body and s3rver skips: Content-MD5, and the
 * additional checksums (x-amz-checksum-crc32c, -sha256, …; s3.md §2.2). Returns the S3 error
 * to answer with, or undefined when the body matches what the client declared.
 */
export async function checkIntegrity(headers: http.IncomingHttpHeaders, body: Buffer): Promise<{ code: string; message: string } | undefined> {
  const md5 = headers['content-md5']
  if (typeof md5 === 'string' && createHash('md5').update(body).digest('base64') !== md5) {
    return { code: 'BadDigest', message: 'The Content-MD5 you specified did not match what we received.' }
  }
  for (const [name, value] of Object.entries(headers)) {
    const match = /^x-amz-checksum-([a-z0-9]+)$/.exec(name)
    if (!match || typeof value !== 'string' || match[1] === 'algorithm' || match[1] === 'type') continue
    const algorithm = match[1]!.toUpperCase()
    if (!isChecksumAlgorithm(algorithm)) return { code: 'InvalidRequest', message: `Unknown checksum ${name}.` }
    if ((await checksumOf(algorithm, body)) !== value) {
      return { code: 'BadDigest', message: `The ${algorithm} you specified did not match the calculated checksum.` }
    }
  }
  return undefined
}
