import { createHash } from 'node:crypto'
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3'
import type { Readable } from 'node:stream'

/** Size and SHA-256 of a stored object, computed by reading it back from storage. */
export async function inspectObject(client: S3Client, bucket: string, key: string) {
  const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))
  const hash = createHash('sha256')
  let size = 0
  for await (const chunk of object.Body as Readable) {
    const bytes = chunk as Buffer
    size += bytes.length
    hash.update(bytes)
  }
  return { key, size, sha256: hash.digest('hex'), etag: object.ETag ?? null }
}
