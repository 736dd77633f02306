import { UploadError, type UploadErrorCode, parseRetryAfter } from '../errors'

/**
 * What a non-2xx answer means, whoever gives it (a storage PUT, a vendor API call). Adapters
 * declare their API's own meanings as a table of rules; the engine reads every answer through
 * that table and then its own defaults, so no adapter classifies answers by hand.
 */
export type AnswerMeaning =
  /** The same request may well succeed later: wait (backoff; Retry-After wins) and send it again. */
  | 'retry'
  /** The URL expired: get a fresh one (with every URL issued at the same time or earlier) and send again. */
  | 'expired'
  /** The credentials were refused: ask for a fresh token once; a second refusal is final. */
  | 'unauthorized'
  /** The server no longer knows the upload (aborted, completed, cleaned up): start a new one. */
  | 'session-lost'
  /** The server holds something else than the client thinks (tus offset): ask it, then go on. */
  | 'resync'
  /** The bytes arrived changed: send the part again. */
  | 'corrupted'
  /** Trying again cannot help. */
  | 'fatal'

/** One line of an error table: every condition given must hold. */
export interface ErrorRule {
  /** Only answers to part requests (storage PUTs, part uploads), or only to API calls. */
  on?: 'part' | 'call'
  /** Status, list of statuses, or a class ('4xx', '5xx'). */
  status?: number | readonly number[] | '4xx' | '5xx'
  /** The error code the body names: S3's `<Code>…</Code>`, or JSON `code` / `error.code`. */
  code?: string | RegExp
  /** A pattern anywhere in the body (for APIs that put the code in a message). */
  body?: RegExp
  /** Only for a request whose URL's known expiry has passed (stores that answer a bare 403 then). */
  pastExpiry?: boolean
  means: AnswerMeaning
  /** The typed code to report (by default the meaning's: fatal → `server-rejected`). */
  error?: UploadErrorCode
  /** What to tell a person; by default a sentence naming the meaning and the status. */
  message?: string
}

export type ErrorTable = readonly ErrorRule[]

/** A non-2xx answer as the interpreter sees it. */
export interface Answer {
  status: number
  body: string
  header(name: string): string | null
}

export interface AnswerContext {
  /** Whether the answer is to a part request or an API call (rules with `on` apply to one). */
  on?: 'part' | 'call'
  /** What was asked, for messages ("a part", "/s3/multipart/…/complete"). */
  what?: string
  /** Epoch ms when the request's URL expires, where known. */
  expiresAt?: number
  now?: number
}

/**
 * The engine's own reading of an answer no adapter rule matched: for part requests, the forms
 * expired presigned URLs take (403 "Request has expired", 400 ExpiredToken / TokenExpired, a bare 403 past the
 * URL's expiry as Ceph radosgw answers) and a changed body (BadDigest); for both, 401 and the statuses
 * worth retrying (408, 425, 429, 5xx, and 0 for an answer the browser could not read).
 */
export const DEFAULT_ERROR_TABLE: ErrorTable = [
  // URLs and part bytes belong to part requests; an API call saying "expired" means something else.
  { on: 'part', status: 403, body: /expired/i, means: 'expired' },
  { on: 'part', status: 400, body: /ExpiredToken|TokenExpired/, means: 'expired' },
  { on: 'part', status: 403, pastExpiry: true, means: 'expired' },
  { status: 401, means: 'unauthorized' },
  { on: 'part', status: 400, body: /BadDigest|InvalidDigest|checksum/i, means: 'corrupted' },
  { status: [0, 408, 425, 429], means: 'retry' },
  { status: '5xx', means: 'retry' },
]

/** Read an answer through the adapter's table, then the engine's defaults; anything else is fatal. */
export function classifyAnswer(answer: Answer, table: ErrorTable = [], context: AnswerContext = {}): UploadError {
  const now = context.now ?? Date.now()
  const code = answerCode(answer.body)
  const rule = [...table, ...DEFAULT_ERROR_TABLE].find((r) => (r.on === undefined || r.on === context.on) && matches(r, answer, code, context.expiresAt, now))
  return errorFor(rule ?? { means: 'fatal' }, answer, context.what ?? 'the request')
}

function matches(rule: ErrorRule, answer: Answer, code: string | undefined, expiresAt: number | undefined, now: number): boolean {
  if (rule.status !== undefined && !statusMatches(rule.status, answer.status)) return false
  if (rule.code !== undefined && (code === undefined || (typeof rule.code === 'string' ? code !== rule.code : !rule.code.test(code)))) return false
  if (rule.body && !rule.body.test(answer.body)) return false
  if (rule.pastExpiry && !(expiresAt !== undefined && now >= expiresAt)) return false
  return true
}

function statusMatches(expected: NonNullable<ErrorRule['status']>, status: number): boolean {
  if (expected === '4xx') return status >= 400 && status < 500
  if (expected === '5xx') return status >= 500 && status < 600
  return typeof expected === 'number' ? status === expected : expected.includes(status)
}

const CODES: Record<AnswerMeaning, UploadErrorCode> = {
  retry: 'http',
  expired: 'url-expired',
  unauthorized: 'unauthorized',
  'session-lost': 'session-lost',
  resync: 'offset-mismatch',
  corrupted: 'checksum-mismatch',
  fatal: 'server-rejected',
}

const SENTENCES: Record<AnswerMeaning, string> = {
  retry: 'answered {status}; trying again',
  expired: 'answered {status}: the URL expired, a fresh one is needed',
  unauthorized: 'refused the credentials ({status})',
  'session-lost': 'no longer knows this upload ({status}); starting a new one',
  resync: 'holds something else than expected ({status}); asking it where to go on',
  corrupted: 'received different bytes than were sent ({status}); sending them again',
  fatal: 'answered {status}',
}

function errorFor(rule: ErrorRule, answer: Answer, what: string): UploadError {
  const detail = readableDetail(answer.body)
  const sentence = `${what} ${SENTENCES[rule.means].replace('{status}', String(answer.status))}`
  const message = rule.message ?? (rule.means === 'fatal' && detail ? `${sentence}: ${detail}` : `${sentence}.`)
  const retryAfter = parseRetryAfter(answer.header('Retry-After'))
  return new UploadError({
    code: rule.error ?? CODES[rule.means],
    message: message.charAt(0).toUpperCase() + message.slice(1),
    retryable: rule.means === 'retry' || rule.means === 'expired' || rule.means === 'corrupted',
    ...(answer.status > 0 ? { status: answer.status } : {}),
    // A fresh URL or token fixes it at once: no backoff.
    ...(rule.means === 'expired' ? { retryAfterSeconds: 0 } : rule.means === 'retry' && retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
  })
}

/** The error code an answer names: S3 XML `<Code>`, or JSON `code` / `error.code`. */
export function answerCode(body: string): string | undefined {
  const xml = /<Code>([^<]+)<\/Code>/.exec(body)
  if (xml) return xml[1]
  try {
    const parsed = JSON.parse(body) as { code?: unknown; error?: { code?: unknown } }
    const code = parsed.code ?? parsed.error?.code
    return typeof code === 'string' ? code : typeof code === 'number' ? String(code) : undefined
  } catch {
    return undefined
  }
}

/** The first human-readable message of an error body, else a short excerpt. */
export function readableDetail(body: string): string {
  try {
    const parsed = JSON.parse(body) as Record<string, unknown>
    const error = parsed.error
    const candidates = [parsed.message, typeof error === 'string' ? error : (error as Record<string, unknown> | undefined)?.message, ...(Array.isArray(parsed.errors) ? parsed.errors : [])]
    const found = candidates.find((c): c is string => typeof c === 'string' && c !== '')
    if (found) return found.slice(0, 200)
  } catch {
    // not JSON
  }
  const xml = /<Message>([^<]+)<\/Message>/.exec(body)
  if (xml) return xml[1]!.slice(0, 200)
  return body.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200)
}
