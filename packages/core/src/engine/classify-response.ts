import { UploadError, isRetryableStatus, parseRetryAfter } from '../errors'
import type { PartRequest, PartResponse } from '../types'

/**
 * Turn a non-2xx answer to a part request into a typed error. Expired presigned URLs are
 * recognised by the forms the APIs use (403 "Request has expired", 400 ExpiredToken /
 * TokenExpired) so the engine fetches a fresh URL instead of failing.
 */
export function classifyPartResponse(response: PartResponse, request?: PartRequest): UploadError {
  const { status, body } = response
  const excerpt = body.slice(0, 300)
  // Some stores (Ceph radosgw) answer an expired URL with a bare 403 AccessDenied: a 403 on a
  // URL whose known expiry has passed is read as expired too.
  const pastExpiry = request?.expiresAt !== undefined && Date.now() >= request.expiresAt
  if ((status === 403 && (/expired/i.test(body) || pastExpiry)) || (status === 400 && /ExpiredToken|TokenExpired/.test(body))) {
    return new UploadError({ code: 'url-expired', message: 'The upload URL expired; a fresh one is needed.', retryable: true, status })
  }
  if (status === 401) {
    return new UploadError({ code: 'unauthorized', message: 'The server refused the credentials (401).', status })
  }
  if (/BadDigest|checksum|InvalidDigest/i.test(body) && status === 400) {
    return new UploadError({
      code: 'checksum-mismatch',
      message: 'The server received different bytes than were sent (checksum mismatch).',
      retryable: true,
      status,
    })
  }
  if (isRetryableStatus(status) || status === 0) {
    return new UploadError({
      code: 'http',
      message: `The server answered ${status}; retrying.`,
      retryable: true,
      status,
      retryAfterSeconds: parseRetryAfter(response.header('Retry-After')),
    })
  }
  return new UploadError({
    code: 'server-rejected',
    message: `The server rejected a part with status ${status}${excerpt ? `: ${excerpt}` : ''}`,
    status,
  })
}
