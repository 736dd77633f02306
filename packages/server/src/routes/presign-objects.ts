import { SignerError, invalidRequest } from '../errors'
import { type PresignedObject, presignPut } from './presign-object'
import type { SignerRoute } from './route'

/** Most files one POST /s3/objects signs (the same cap as part URLs per batch call). */
export const MAX_OBJECTS_PER_BATCH = 100

/** A file of the batch the signer refused, alone: the others are signed. */
export interface RefusedObject {
  error: { code: string; message: string; status: number }
}

/**
 * POST /s3/objects `{files: [{filename, type, size, metadata?, checksumAlgorithm?, checksum?}, …]}`
 * -> `{objects: [{url, key, size, expiresAt, headers} | {error: {code, message, status}}, …]}`,
 * one per file, in order: many small files signed in one round trip (issue #14: a small file
 * otherwise costs a signer call of its own). Each file is checked and signed exactly as by
 * POST /s3/object; one refused (a bad name, a type not accepted, too large) is refused alone, with
 * the code and message POST /s3/object would give. A malformed batch is refused whole.
 */
export const presignObjects: SignerRoute = {
  method: 'POST',
  path: '/s3/objects',
  body: 'large-json',
  async handle({ body, config, identity }) {
    const { files } = body
    if (!Array.isArray(files) || files.length === 0) throw invalidRequest('files must be a non-empty list')
    if (files.length > MAX_OBJECTS_PER_BATCH) throw invalidRequest(`at most ${MAX_OBJECTS_PER_BATCH} files per call`)
    const objects: Array<PresignedObject | RefusedObject> = []
    for (const file of files) {
      if (typeof file !== 'object' || file === null || Array.isArray(file)) throw invalidRequest('each file must be an object')
      try {
        objects.push(await presignPut(file as Record<string, unknown>, config, identity))
      } catch (error) {
        if (!(error instanceof SignerError)) throw error // not about this file: the whole call fails (and is logged)
        objects.push({ error: { code: error.code, message: error.message, status: error.status } })
      }
    }
    return { objects }
  },
}
