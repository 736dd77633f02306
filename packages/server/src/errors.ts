/**
 * What the signer tells a client when it refuses: a typed code, a plain message that never
 * carries internal detail (no exception text, host, path or stack) and the request id under
 * which the details went to the `log` hook.
 */
export type SignerErrorCode =
  | 'unauthorized'
  | 'invalid-token'
  | 'token-expired'
  | 'unsupported-media-type'
  | 'body-too-large'
  | 'invalid-json'
  | 'invalid-request'
  | 'invalid-filename'
  | 'invalid-type'
  | 'type-not-accepted'
  | 'invalid-metadata'
  | 'file-too-large'
  | 'too-many-parts'
  | 'part-not-in-plan'
  | 'parts-mismatch'
  | 'upload-mismatch'
  | 'no-such-upload'
  | 'part-too-small'
  | 'invalid-part'
  | 'not-found'
  | 'storage-busy'
  | 'storage-unavailable'
  | 'storage-error'
  | 'internal'

const DEFAULT_MESSAGES: Record<SignerErrorCode, string> = {
  unauthorized: 'Sign in to upload.',
  'invalid-token': 'The upload token is missing, malformed or not yours.',
  'token-expired': 'The upload token has expired; start the upload again.',
  'unsupported-media-type': 'Send the request body as application/json.',
  'body-too-large': 'The request body is too large.',
  'invalid-json': 'The request body is not a JSON object.',
  'invalid-request': 'The request is not valid.',
  'invalid-filename': 'The file name is not valid.',
  'invalid-type': 'The content type is not valid.',
  'type-not-accepted': 'This type of file is not accepted.',
  'invalid-metadata': 'The metadata is not valid.',
  'file-too-large': 'The file is larger than this server accepts.',
  'too-many-parts': 'The upload has too many parts.',
  'part-not-in-plan': 'That part is not in the upload plan.',
  'parts-mismatch': 'The parts listed do not match the upload plan.',
  'upload-mismatch': 'The stored parts do not match the declared file; the upload was aborted.',
  'no-such-upload': 'The storage does not know this upload (aborted, completed or expired).',
  'part-too-small': 'A part but the last is smaller than the storage allows.',
  'invalid-part': 'A part was not found or its ETag does not match.',
  'not-found': 'No such route.',
  'storage-busy': 'The storage is busy; try again.',
  'storage-unavailable': 'The storage could not be reached; try again.',
  'storage-error': 'The storage refused the request.',
  internal: 'The signer failed; try again later.',
}

export class SignerError extends Error {
  readonly code: SignerErrorCode
  readonly status: number
  /** For the log only: never sent to the client. */
  readonly detail: string | undefined

  /**
   * @param message what the client may read: about its own input (a field name, a limit), never
   *   about the server. Defaults to the code's plain message.
   */
  constructor(code: SignerErrorCode, status: number, options: { message?: string; detail?: string; cause?: unknown } = {}) {
    super(options.message ?? DEFAULT_MESSAGES[code], options.cause === undefined ? undefined : { cause: options.cause })
    this.name = 'SignerError'
    this.code = code
    this.status = status
    this.detail = options.detail
  }
}

export const invalidRequest = (message: string) => new SignerError('invalid-request', 400, { message })

/** The JSON error body a client gets. */
export function errorBody(error: SignerError, requestId: string) {
  return { error: { code: error.code, message: error.message, requestId } }
}

interface AwsLikeError {
  name?: string
  message?: string
  code?: string
  $metadata?: { httpStatusCode?: number }
}

/**
 * Turn whatever a route threw into a SignerError. S3 answers keep their meaning (an unknown
 * upload stays a 404) under our own codes; everything else becomes a 5xx whose cause is only
 * logged.
 */
export function toSignerError(error: unknown): SignerError {
  if (error instanceof SignerError) return error
  const aws = (typeof error === 'object' && error !== null ? error : {}) as AwsLikeError
  const detail = `${aws.name ?? 'Error'}: ${aws.message ?? String(error)}`
  const status = aws.$metadata?.httpStatusCode
  if (status === undefined) {
    // No HTTP answer at all: DNS, refused connection, TLS, timeout.
    const network = typeof aws.code === 'string' || /ECONN|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|socket|fetch failed/i.test(detail)
    return network
      ? new SignerError('storage-unavailable', 502, { detail, cause: error })
      : new SignerError('internal', 500, { detail, cause: error })
  }
  switch (aws.name) {
    case 'NoSuchUpload':
    case 'NoSuchKey': // radosgw's name for ListParts on an aborted upload
      return new SignerError('no-such-upload', 404, { detail, cause: error })
    case 'EntityTooSmall':
      return new SignerError('part-too-small', 400, { detail, cause: error })
    case 'InvalidPart':
    case 'InvalidPartOrder':
      return new SignerError('invalid-part', 400, { detail, cause: error })
  }
  if (status === 503 || aws.name === 'SlowDown') return new SignerError('storage-busy', 503, { detail, cause: error })
  return new SignerError('storage-error', 502, { detail, cause: error })
}
