import { describe, expect, it } from 'vitest'
import { type Answer, type ErrorTable, answerCode, classifyAnswer } from './error-table'

const answer = (status: number, body = '', headers: Record<string, string> = {}): Answer => ({
  status,
  body,
  header: (name) => headers[name.toLowerCase()] ?? null,
})
const s3Error = (code: string, message = 'm') => `<?xml version="1.0"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`

describe('classifyAnswer: the engine defaults', () => {
  it('reads the forms of an expired URL as url-expired, retried at once', () => {
    for (const a of [answer(403, s3Error('AccessDenied', 'Request has expired')), answer(400, s3Error('ExpiredToken')), answer(400, s3Error('TokenExpired'))]) {
      expect(classifyAnswer(a, [], { on: 'part' })).toMatchObject({ code: 'url-expired', retryable: true, retryAfterSeconds: 0 })
    }
    // A bare 403 counts only once the URL's known expiry has passed (radosgw answers so).
    expect(classifyAnswer(answer(403, s3Error('AccessDenied')), [], { on: 'part', expiresAt: 1000, now: 2000 }).code).toBe('url-expired')
    expect(classifyAnswer(answer(403, s3Error('AccessDenied')), [], { on: 'part', expiresAt: 3000, now: 2000 }).code).toBe('server-rejected')
  })

  it('401 is unauthorized, BadDigest a corrupted part, 408/425/429/5xx/0 retried with Retry-After', () => {
    expect(classifyAnswer(answer(401)).code).toBe('unauthorized')
    expect(classifyAnswer(answer(400, s3Error('BadDigest')), [], { on: 'part' })).toMatchObject({ code: 'checksum-mismatch', retryable: true })
    for (const status of [0, 408, 425, 429, 500, 503]) expect(classifyAnswer(answer(status))).toMatchObject({ code: 'http', retryable: true })
    expect(classifyAnswer(answer(503, '', { 'retry-after': '7' })).retryAfterSeconds).toBe(7)
  })

  it('anything else is fatal, with the readable part of the body', () => {
    const error = classifyAnswer(answer(422, JSON.stringify({ message: 'The file may not be greater than 10 bytes.' })), [], { what: '/s3/multipart/create' })
    expect(error).toMatchObject({ code: 'server-rejected', retryable: false, status: 422 })
    expect(error.message).toBe('/s3/multipart/create answered 422: The file may not be greater than 10 bytes.')
  })
})

describe('classifyAnswer: an adapter table comes first', () => {
  const table: ErrorTable = [
    { status: 404, code: 'NoSuchUpload', means: 'session-lost' },
    { status: 500, body: /upload not found/i, means: 'session-lost' },
    { status: 500, body: /part number must be between/i, means: 'fatal', message: 'The sandbox refused the part number.' },
    { status: 409, means: 'resync' },
    { status: [403, 410], means: 'session-lost' },
    { status: 460, means: 'corrupted' },
  ]

  it('matches status, code and body as given, all of them', () => {
    expect(classifyAnswer(answer(404, s3Error('NoSuchUpload')), table).code).toBe('session-lost')
    expect(classifyAnswer(answer(404, s3Error('NoSuchKey')), table).code).toBe('server-rejected')
    expect(classifyAnswer(answer(500, JSON.stringify({ error: 'failed to upload part: upload not found: u1' })), table).code).toBe('session-lost')
    expect(classifyAnswer(answer(500, JSON.stringify({ error: 'part number must be between 1 and 10000' })), table)).toMatchObject({
      code: 'server-rejected',
      retryable: false,
      message: 'The sandbox refused the part number.',
    })
    // Other 500s still reach the defaults: retried.
    expect(classifyAnswer(answer(500, 'oops'), table).code).toBe('http')
    expect(classifyAnswer(answer(409), table).code).toBe('offset-mismatch')
    expect(classifyAnswer(answer(410), table).code).toBe('session-lost')
    expect(classifyAnswer(answer(460), table)).toMatchObject({ code: 'checksum-mismatch', retryable: true })
  })

  it('a rule for part answers does not read API answers, and the other way round', () => {
    const scoped: ErrorTable = [
      { on: 'part', status: 404, means: 'session-lost' },
      { on: 'call', status: 500, body: /etag mismatch/, means: 'resync' },
    ]
    expect(classifyAnswer(answer(404), scoped, { on: 'part' }).code).toBe('session-lost')
    expect(classifyAnswer(answer(404), scoped, { on: 'call' }).code).toBe('server-rejected')
    expect(classifyAnswer(answer(500, 'etag mismatch'), scoped, { on: 'call' }).code).toBe('offset-mismatch')
    expect(classifyAnswer(answer(500, 'etag mismatch'), scoped, { on: 'part' }).code).toBe('http')
  })

  it('a table rule wins over a default for the same answer', () => {
    // Without the table a 403 "expired" is url-expired; an API that cannot renew URLs says otherwise.
    const cannotRenew: ErrorTable = [{ status: 403, body: /expired/i, means: 'session-lost' }]
    expect(classifyAnswer(answer(403, 'Request has expired'), cannotRenew, { on: 'part' }).code).toBe('session-lost')
    expect(classifyAnswer(answer(403, 'Request has expired'), [], { on: 'part' }).code).toBe('url-expired')
    // An API call saying "expired" (a session, a token) is not a part URL to fetch again.
    expect(classifyAnswer(answer(403, 'Your session has expired'), [], { on: 'call' }).code).toBe('server-rejected')
  })

  it('reads error codes from S3 XML and from JSON code / error.code', () => {
    expect(answerCode(s3Error('SlowDown'))).toBe('SlowDown')
    expect(answerCode(JSON.stringify({ code: 'upload_completed' }))).toBe('upload_completed')
    expect(answerCode(JSON.stringify({ error: { code: 401, message: 'Unauthorized' } }))).toBe('401')
    expect(answerCode('<html>')).toBeUndefined()
  })
})
