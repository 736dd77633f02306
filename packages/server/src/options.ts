import { S3Client } from '@aws-sdk/client-s3'
import { type ContentPolicy, createContentPolicy } from './content-policy'
import type { MetadataLimits } from './content-policy'
import { type SignerLog, defaultLog } from './log'
import { MAX_PREFIX_BYTES, cleanPrefix } from './object-key'
import { utf8Length } from './names'
import { DEFAULT_PART_SIZE, type PartLimits, S3_PART_LIMITS } from './upload-plan'
import { type TokenCodec, createTokenCodec } from './upload-token'

/** Who is asking, as `authorize` says: a user id, an account id, a session id... */
export type Identity = string

/** What the client declared about the file, cleaned, as the `key` hook sees it. */
export interface DeclaredFile {
  /** The file name (with folders for a folder drop), control and bidi characters removed. */
  filename: string
  /** The declared MIME type, without parameters. */
  type: string
  size: number
}

export interface S3SignerOptions {
  /**
   * Decide who may upload: return the caller's identity (a non-empty string, e.g. the user id)
   * or a falsy value to refuse (401). Required. `'public'` opens the signer to anyone (every
   * caller is then the identity "public") and logs a warning once.
   * Never called for CORS preflights.
   */
  authorize: ((request: Request) => Identity | null | undefined | false | Promise<Identity | null | undefined | false>) | 'public'
  /**
   * Key for the upload tokens' HMAC (at least 32 bytes; a string is taken as UTF-8). Keep it
   * secret and the same on every instance; changing it invalidates unfinished uploads.
   */
  secret: string | Uint8Array
  /** S3 endpoint (omit for AWS). e.g. http://127.0.0.1:4569 for s3rver, :7480 for radosgw. */
  endpoint?: string
  region?: string
  bucket: string
  /** Default: the SDK's chain (environment, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }
  /** Path-style URLs (needed by most self-hosted stores). Default: true when `endpoint` is set. */
  forcePathStyle?: boolean
  /** Use a ready client instead of building one. */
  client?: S3Client
  /** Every key is under this folder (default "uploads"). */
  keyPrefix?: string
  /**
   * Choose the key (under `keyPrefix`, which it cannot leave: ".." and empty segments are
   * removed) from the declared file and the identity. Default: `<random id>/<file name>`.
   */
  key?: (file: DeclaredFile, identity: Identity) => string
  /** Files the signer agrees to start: MIME types, `type/*` and `.ext` (default: any). */
  accept?: readonly string[]
  /**
   * Declared types stored as such; others are stored as application/octet-stream. Default: the
   * MIME entries of `accept`, else none. Wildcards never allow HTML, SVG, XML or JavaScript.
   */
  contentTypes?: readonly string[]
  /** The stored Content-Disposition (default "attachment": browsers download, never render). */
  contentDisposition?: 'attachment' | 'inline'
  /** Largest file the signer agrees to start, bytes (default: what S3 allows, 10,000 x 5 GiB). */
  maxFileSize?: number
  /** Part size used when the client asks for none (default 8 MiB); always fitted to S3's limits. */
  partSize?: number
  /** Lifetime of presigned part URLs, seconds (SigV4 allows 1..604800); a function is asked per call. */
  expiresIn?: number | (() => number)
  /** Lifetime of an upload token, seconds (default 24 h): after it, the upload cannot go on. */
  uploadTtlSeconds?: number
  /** Origins allowed to call from a browser (CORS). Default: none (same-origin only). Never "*". */
  allowedOrigins?: readonly string[] | ((origin: string) => boolean)
  /** Body caps, bytes: every JSON body (default 64 KiB) and the complete call's (default 1 MiB). */
  maxBodyBytes?: number
  maxCompleteBodyBytes?: number
  /** Bounds on client metadata (default 10 entries, 2048 bytes). */
  metadata?: Partial<MetadataLimits>
  /** Where details go (refusals, storage errors, the 'public' warning). Default: console for warnings and errors. */
  log?: SignerLog
  /** Mount point of the routes, e.g. "/api" for /api/s3/multipart (default: none). */
  basePath?: string
}

/** A bad option: thrown by createS3Signer when it is called, never at request time. */
export class SignerOptionError extends Error {
  readonly code = 'invalid-option'
  readonly option: string
  constructor(option: string, message: string) {
    super(`createS3Signer: ${option} ${message}`)
    this.name = 'SignerOptionError'
    this.option = option
  }
}

/** Everything the routes need, checked once. */
export interface SignerConfig {
  client: S3Client
  bucket: string
  authorize: (request: Request) => Promise<Identity | undefined>
  tokens: TokenCodec
  keyPrefix: string
  keyHook: S3SignerOptions['key']
  content: ContentPolicy
  contentDisposition: 'attachment' | 'inline'
  maxFileSize: number
  partSize: number
  partLimits: PartLimits
  urlExpiresIn: () => number
  uploadTtlMs: number
  maxBodyBytes: number
  maxCompleteBodyBytes: number
  metadata: MetadataLimits
  log: SignerLog
}

const KiB = 1024
const MAX_URL_EXPIRY = 604_800

export function resolveOptions(options: S3SignerOptions): SignerConfig {
  if (typeof options !== 'object' || options === null) throw new SignerOptionError('options', 'must be an object')
  const log = options.log ?? defaultLog
  if (typeof log !== 'function') throw new SignerOptionError('log', 'must be a function')
  const bucket = options.bucket
  if (typeof bucket !== 'string' || bucket === '') throw new SignerOptionError('bucket', 'is required')
  const rawPrefix = options.keyPrefix ?? 'uploads'
  const keyPrefix = typeof rawPrefix === 'string' ? cleanPrefix(rawPrefix) : undefined
  if (keyPrefix === undefined || keyPrefix !== rawPrefix.replace(/^\/+|\/+$/g, '')) {
    throw new SignerOptionError('keyPrefix', 'must be a plain folder path: no "." or ".." segments, no empty segments, control characters or segments over 255 bytes')
  }
  if (utf8Length(keyPrefix) > MAX_PREFIX_BYTES) throw new SignerOptionError('keyPrefix', `must be at most ${MAX_PREFIX_BYTES} bytes`)
  if (options.key !== undefined && typeof options.key !== 'function') throw new SignerOptionError('key', 'must be a function')
  let content: ContentPolicy
  try {
    content = createContentPolicy(options.accept, options.contentTypes)
  } catch (error) {
    throw new SignerOptionError(options.contentTypes ? 'contentTypes/accept' : 'accept', (error as Error).message)
  }
  const disposition = options.contentDisposition ?? 'attachment'
  if (disposition !== 'attachment' && disposition !== 'inline') throw new SignerOptionError('contentDisposition', 'must be "attachment" or "inline"')
  const maxObject = S3_PART_LIMITS.maxParts * S3_PART_LIMITS.maxPartSize

  return {
    client: options.client ?? buildClient(options),
    bucket,
    authorize: resolveAuthorize(options.authorize, log),
    tokens: createTokenCodec(readSecret(options.secret)),
    keyPrefix,
    keyHook: options.key,
    content,
    contentDisposition: disposition,
    maxFileSize: positiveInteger('maxFileSize', options.maxFileSize, maxObject, maxObject),
    partSize: positiveInteger('partSize', options.partSize, DEFAULT_PART_SIZE, S3_PART_LIMITS.maxPartSize),
    partLimits: S3_PART_LIMITS,
    urlExpiresIn: resolveExpiry(options.expiresIn),
    uploadTtlMs: positiveInteger('uploadTtlSeconds', options.uploadTtlSeconds, 24 * 3600, 365 * 24 * 3600) * 1000,
    maxBodyBytes: positiveInteger('maxBodyBytes', options.maxBodyBytes, 64 * KiB, 64 * KiB * KiB),
    maxCompleteBodyBytes: positiveInteger('maxCompleteBodyBytes', options.maxCompleteBodyBytes, KiB * KiB, 64 * KiB * KiB),
    metadata: {
      maxKeys: positiveInteger('metadata.maxKeys', options.metadata?.maxKeys, 10, 100),
      maxBytes: positiveInteger('metadata.maxBytes', options.metadata?.maxBytes, 2048, 2048),
    },
    log,
  }
}

function buildClient(options: S3SignerOptions): S3Client {
  return new S3Client({
    region: options.region ?? 'us-east-1',
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    forcePathStyle: options.forcePathStyle ?? Boolean(options.endpoint),
    ...(options.credentials ? { credentials: options.credentials } : {}),
    // Without this, SDK v3 presigns a CRC32 of an empty body into part URLs and every real
    // part then fails its checksum (s3.md §4).
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  })
}

function resolveAuthorize(authorize: S3SignerOptions['authorize'], log: SignerLog): SignerConfig['authorize'] {
  if (authorize === 'public') {
    log({ level: 'warn', event: 'signer-public', message: "createS3Signer: authorize is 'public': anyone who can reach the signer can write to the bucket (within its limits)." })
    return async () => 'public'
  }
  if (typeof authorize !== 'function') {
    throw new SignerOptionError('authorize', "is required: a function returning the caller's identity (or 'public' to open the signer to anyone)")
  }
  return async (request) => {
    const identity = await authorize(request)
    if (identity === null || identity === undefined || identity === false || identity === '') return undefined
    if (typeof identity !== 'string') throw new TypeError(`authorize returned a ${typeof identity}, not an identity string`)
    return identity
  }
}

function readSecret(secret: S3SignerOptions['secret']): Uint8Array {
  const bytes = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret instanceof Uint8Array ? secret : undefined
  if (!bytes) throw new SignerOptionError('secret', 'is required: at least 32 random bytes (a string or a Uint8Array)')
  if (bytes.length < 32) throw new SignerOptionError('secret', 'must be at least 32 bytes long')
  return bytes
}

function resolveExpiry(expiresIn: S3SignerOptions['expiresIn']): () => number {
  const check = (value: number, source: string) => {
    if (!Number.isInteger(value) || value < 1 || value > MAX_URL_EXPIRY) throw new SignerOptionError('expiresIn', `${source} must be a whole number of seconds in 1..${MAX_URL_EXPIRY}`)
    return value
  }
  if (typeof expiresIn === 'function') return () => check(expiresIn(), 'returned')
  const fixed = check(expiresIn ?? 900, 'is')
  return () => fixed
}

function positiveInteger(name: string, value: number | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback
  if (!Number.isSafeInteger(value) || value < 1 || value > max) throw new SignerOptionError(name, `must be a whole number in 1..${max}`)
  return value
}
