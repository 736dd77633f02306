/**
 * Every failure the engine reports is an UploadError: a stable `code` the UI can switch on,
 * a message a person can read, and whether trying again can help.
 */
export type UploadErrorCode =
  | 'aborted'
  | 'network'
  | 'timeout'
  | 'http'
  | 'server-rejected'
  | 'bad-response'
  /** An API call answered with a redirect, which is never followed (an HTML login page, not the API). */
  | 'unexpected-redirect'
  | 'etag-not-exposed'
  | 'checksum-mismatch'
  | 'url-expired'
  | 'session-lost'
  | 'offset-mismatch'
  | 'offline'
  | 'unauthorized'
  | 'file-empty'
  | 'file-too-large'
  | 'too-many-parts'
  | 'file-unreadable'
  | 'restricted'
  /** An option or argument is not usable (NaN, negative, out of range, missing scope). */
  | 'invalid-option'
  /** An action named a file id the uploader does not have (or none). */
  | 'unknown-file'
  /** The file is not what was planned any more: a part read short, or its size or date changed. */
  | 'file-changed'
  /** The hashing workers did not start (usually a Content-Security-Policy `worker-src`). */
  | 'worker-unavailable'
  /** A Content-Security-Policy blocked what a checksum needs (e.g. WebAssembly) and no fallback could run. */
  | 'csp-blocked'
  | 'provider'

export interface UploadErrorInit {
  code: UploadErrorCode
  message: string
  retryable?: boolean
  status?: number
  /** Seconds the server asked us to wait (Retry-After), when it said so. */
  retryAfterSeconds?: number
  cause?: unknown
}

export class UploadError extends Error {
  readonly code: UploadErrorCode
  readonly retryable: boolean
  readonly status: number | undefined
  readonly retryAfterSeconds: number | undefined

  constructor(init: UploadErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.name = 'UploadError'
    this.code = init.code
    this.retryable = init.retryable ?? false
    this.status = init.status
    this.retryAfterSeconds = init.retryAfterSeconds
  }

  /** A plain, serialisable view for the store (errors in state must survive structured cloning). */
  toJSON(): SerializedUploadError {
    return { code: this.code, message: this.message, retryable: this.retryable, status: this.status }
  }
}

export interface SerializedUploadError {
  code: UploadErrorCode
  message: string
  retryable: boolean
  status: number | undefined
}

export function isUploadError(value: unknown): value is UploadError {
  return value instanceof UploadError
}

/** Wrap anything thrown into an UploadError, keeping typed ones as they are. */
export function toUploadError(value: unknown, fallback: UploadErrorCode = 'provider'): UploadError {
  if (value instanceof UploadError) return value
  if (isAbortError(value)) return new UploadError({ code: 'aborted', message: 'The upload was cancelled.', cause: value })
  const message = value instanceof Error ? value.message : String(value)
  return new UploadError({ code: fallback, message, cause: value })
}

export function isAbortError(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'AbortError'
}

/**
 * Status codes where the same request may well succeed later.
 * 408 timeout, 425 too early, 429 throttled, 5xx server trouble.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || status >= 500
}

/** Parse a Retry-After header (seconds or an HTTP date) into seconds. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds) && seconds >= 0) return seconds
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, (date - now) / 1000)
}
