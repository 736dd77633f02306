import { UploadError } from '../errors'
import type { StoredObject, UploadResult } from '../types'

/**
 * A file's result, from what its adapter (or onBeforeUpload's skip) reported: one shape for
 * every adapter, `location` derived here and nowhere else (the URL where there is one, else the
 * key). An adapter that reports no key is a bad answer: the file fails with a typed error
 * rather than a result nobody can find the object by.
 */
export function uploadResult(stored: StoredObject): UploadResult {
  if (typeof stored !== 'object' || stored === null || typeof stored.key !== 'string' || stored.key === '') {
    throw new UploadError({ code: 'bad-response', message: 'The upload finished, but the adapter reported no key for the stored object.' })
  }
  if (stored.url !== undefined && typeof stored.url !== 'string') {
    throw new UploadError({ code: 'bad-response', message: 'The upload finished, but the adapter reported a URL that is not a string.' })
  }
  return { ...stored, location: stored.url ?? stored.key }
}
