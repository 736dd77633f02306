import { type ChecksumAlgorithm, readAlgorithm } from './checksums'
import { readDeclaredType, readMetadata } from './content-policy'
import { SignerError, invalidRequest } from './errors'
import { buildObjectKey, cleanRelativePath, MAX_KEY_BYTES } from './object-key'
import { utf8Length } from './names'
import type { DeclaredFile, Identity, SignerConfig } from './options'

/** What a create call (multipart or single PUT) asks for, checked and cleaned. */
export interface FileRequest {
  file: DeclaredFile
  /** The Content-Type the object is stored with (see ContentPolicy). */
  storedType: string
  metadata: Record<string, string>
  checksumAlgorithm: ChecksumAlgorithm | undefined
  /** The part size the client asks for, if any (the plan still fits it to the limits). */
  partSize: number | undefined
}

export function readFileRequest(body: Record<string, unknown>, config: SignerConfig): FileRequest {
  const { filename: rawName, size, partSize } = body
  if (typeof rawName !== 'string' || rawName.trim() === '') throw new SignerError('invalid-filename', 400, { message: 'filename is required' })
  if (utf8Length(rawName) > MAX_KEY_BYTES) throw new SignerError('invalid-filename', 400, { message: `filename must be at most ${MAX_KEY_BYTES} bytes (UTF-8)` })
  const segments = cleanRelativePath(rawName)
  if (segments.length === 0) throw new SignerError('invalid-filename', 400, { message: 'filename has no usable characters' })
  const filename = segments.join('/')
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 0) throw invalidRequest('size must be a whole number of bytes')
  if (size > config.maxFileSize) throw new SignerError('file-too-large', 413, { message: `files may be at most ${config.maxFileSize} bytes` })
  if (partSize !== undefined && (typeof partSize !== 'number' || !Number.isSafeInteger(partSize) || partSize < 1)) {
    throw invalidRequest('partSize must be a whole number of bytes')
  }
  const type = readDeclaredType(body.type)
  if (!config.content.isAccepted(filename, type)) throw new SignerError('type-not-accepted', 422)
  return {
    file: { filename, type, size },
    storedType: config.content.storedType(type),
    metadata: readMetadata(body.metadata, config.metadata),
    checksumAlgorithm: readAlgorithm(body.checksumAlgorithm),
    partSize: partSize as number | undefined,
  }
}

/**
 * The object key for a file, always under the prefix and within S3's 1024 bytes:
 * - default: `<prefix>/<random id>/<file name>`; a path too long loses its leading folders;
 * - the app's `key` hook: cleaned (no "..", no empty segments) and put under the prefix as it is;
 *   too long is refused rather than shortened, since dropping a folder the app chose (a user's
 *   own folder) could put the object where it does not belong.
 */
export function objectKeyFor(file: DeclaredFile, identity: Identity, config: SignerConfig): string {
  if (!config.keyHook) return buildObjectKey(config.keyPrefix, file.filename)
  const proposed = config.keyHook(file, identity)
  if (typeof proposed !== 'string') throw new TypeError('the key hook did not return a string')
  const segments = cleanRelativePath(proposed)
  if (segments.length === 0) throw new TypeError('the key hook returned an empty key')
  const key = [config.keyPrefix, ...segments].filter(Boolean).join('/')
  if (utf8Length(key) > MAX_KEY_BYTES) throw new SignerError('invalid-filename', 400, { message: 'the file name is too long' })
  return key
}
