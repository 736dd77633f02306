import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import type http from 'node:http'

/**
 * AWS Signature Version 4 verification for S3 requests, as S3 does it, for the two forms the
 * emulator's clients use: presigned query auth (the browser's part and object PUTs) and header
 * auth (the signer's SDK calls). s3rver checks neither, so without this any unsigned PUT would
 * be stored. Every signed header counts (a presigned part URL signs its Content-Length, so a
 * body of another length fails here), every x-amz-* header must be signed, presigned URLs expire,
 * header-signed requests may be at most 15 minutes off, and a signed payload hash is returned
 * so the caller can check the body against it once read.
 * Reference: https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-authenticating-requests.html
 */
export interface S3Account {
  accessKeyId: string
  secretAccessKey: string
}

export type SigV4Outcome =
  | { ok: true; accessKeyId: string; /** 'UNSIGNED-PAYLOAD' or the hex SHA-256 the body must have. */ payloadHash: string }
  | { ok: false; status: number; code: string; message: string }

export interface SignedRequest {
  method: string
  /** Path and query as received (`req.url`). */
  url: string
  headers: http.IncomingHttpHeaders
}

const ALGORITHM = 'AWS4-HMAC-SHA256'
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD'
const MAX_SKEW_MS = 15 * 60_000
const MAX_EXPIRES_SECONDS = 604_800

const refuse = (status: number, code: string, message: string): SigV4Outcome => ({ ok: false, status, code, message })
const accessDenied = (message = 'Access Denied') => refuse(403, 'AccessDenied', message)
const SIGNATURE_MISMATCH = refuse(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.')

interface Claimed {
  credential: string
  amzDate: string
  signedHeaders: string
  signature: string
  payloadHash: string
}

export function verifySigV4(request: SignedRequest, accounts: readonly S3Account[], now: number = Date.now()): SigV4Outcome {
  const [rawPath = '/', rawQuery = ''] = splitOnce(request.url, '?')
  const query = parseQuery(rawQuery)
  if (!query) return refuse(400, 'InvalidArgument', 'The query string is not valid percent-encoding.')
  const byQuery = query.some(([name]) => name === 'X-Amz-Algorithm')
  const authorization = header(request.headers, 'authorization')
  if (byQuery && authorization !== undefined) return refuse(400, 'InvalidArgument', 'Only one auth mechanism allowed.')
  if (!byQuery && authorization === undefined) return accessDenied() // anonymous, and the bucket is private

  const claimed = byQuery ? readQueryAuth(query, now) : readHeaderAuth(authorization!, request.headers, now)
  if ('ok' in claimed) return claimed

  const [accessKeyId, scopeDate, region, service, terminator, ...rest] = claimed.credential.split('/')
  if (!accessKeyId || scopeDate !== claimed.amzDate.slice(0, 8) || !region || service !== 's3' || terminator !== 'aws4_request' || rest.length > 0) {
    return refuse(400, byQuery ? 'AuthorizationQueryParametersError' : 'AuthorizationHeaderMalformed', `The credential ${claimed.credential} is not valid for this request.`)
  }
  const account = accounts.find((a) => a.accessKeyId === accessKeyId)
  if (!account) return refuse(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.')

  const signed = claimed.signedHeaders.split(';')
  if (!signed.includes('host') || signed.some((name) => name !== name.toLowerCase() || name === '')) return SIGNATURE_MISMATCH
  const unsigned = Object.keys(request.headers).filter((name) => name.startsWith('x-amz-') && !signed.includes(name))
  if (unsigned.length > 0) return accessDenied('There were headers present in the request which were not signed')

  const canonicalPath = canonicalUri(rawPath)
  if (canonicalPath === undefined) return refuse(400, 'InvalidURI', "Couldn't parse the specified URI.")
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath,
    canonicalQuery(byQuery ? query.filter(([name]) => name !== 'X-Amz-Signature') : query),
    signed.map((name) => `${name}:${canonicalHeaderValue(request.headers[name])}\n`).join(''),
    claimed.signedHeaders,
    claimed.payloadHash,
  ].join('\n')
  const scope = [scopeDate, region, service, terminator].join('/')
  const stringToSign = [ALGORITHM, claimed.amzDate, scope, sha256Hex(canonicalRequest)].join('\n')
  const expected = hmac(signingKey(account.secretAccessKey, scopeDate, region, service), stringToSign).toString('hex')
  if (!/^[0-9a-f]{64}$/.test(claimed.signature) || !timingSafeEqual(Buffer.from(expected), Buffer.from(claimed.signature))) return SIGNATURE_MISMATCH
  return { ok: true, accessKeyId, payloadHash: claimed.payloadHash }
}

/** Presigned URL: X-Amz-* query parameters, expiry from X-Amz-Date + X-Amz-Expires. */
function readQueryAuth(query: Array<[string, string]>, now: number): Claimed | SigV4Outcome {
  const get = (name: string) => query.find(([key]) => key === name)?.[1]
  const [algorithm, credential, amzDate, expires, signedHeaders, signature] = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature'].map(get)
  if (algorithm !== ALGORITHM) return refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-Algorithm only supports "AWS4-HMAC-SHA256".')
  if (!credential || !amzDate || !expires || !signedHeaders || !signature) {
    return refuse(400, 'AuthorizationQueryParametersError', 'Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.')
  }
  const signedAt = parseAmzDate(amzDate)
  if (signedAt === undefined) return refuse(400, 'AuthorizationQueryParametersError', 'X-Amz-Date must be in the ISO8601 Long Format "yyyyMMdd\'T\'HHmmss\'Z\'".')
  const seconds = /^\d{1,6}$/.test(expires) ? Number(expires) : NaN
  if (!(seconds >= 1 && seconds <= MAX_EXPIRES_SECONDS)) {
    return refuse(400, 'AuthorizationQueryParametersError', `X-Amz-Expires must be a number of seconds from 1 to ${MAX_EXPIRES_SECONDS}.`)
  }
  if (now > signedAt + seconds * 1000) return accessDenied('Request has expired')
  return { credential, amzDate, signedHeaders, signature, payloadHash: get('X-Amz-Content-Sha256') ?? UNSIGNED_PAYLOAD }
}

/** Authorization header: "AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…", X-Amz-Date, X-Amz-Content-Sha256. */
function readHeaderAuth(authorization: string, headers: http.IncomingHttpHeaders, now: number): Claimed | SigV4Outcome {
  if (!authorization.startsWith(`${ALGORITHM} `)) return refuse(400, 'InvalidArgument', 'Only AWS4-HMAC-SHA256 signatures are supported.')
  const fields = new Map(
    authorization
      .slice(ALGORITHM.length + 1)
      .split(',')
      .map((part) => splitOnce(part.trim(), '=') as [string, string | undefined]),
  )
  const credential = fields.get('Credential')
  const signedHeaders = fields.get('SignedHeaders')
  const signature = fields.get('Signature')
  if (!credential || !signedHeaders || !signature) return refuse(400, 'AuthorizationHeaderMalformed', 'The authorization header is malformed.')
  const amzDate = header(headers, 'x-amz-date')
  const signedAt = amzDate === undefined ? undefined : parseAmzDate(amzDate)
  if (amzDate === undefined || signedAt === undefined) return accessDenied('AWS authentication requires a valid Date or x-amz-date header')
  if (Math.abs(now - signedAt) > MAX_SKEW_MS) return refuse(403, 'RequestTimeTooSkewed', 'The difference between the request time and the current time is too large.')
  const payloadHash = header(headers, 'x-amz-content-sha256')
  if (payloadHash === undefined) return refuse(400, 'InvalidRequest', 'Missing required header for this request: x-amz-content-sha256')
  if (payloadHash !== UNSIGNED_PAYLOAD && !/^[0-9a-f]{64}$/.test(payloadHash)) {
    return refuse(501, 'NotImplemented', 'Only signed or UNSIGNED-PAYLOAD bodies are supported by the emulator (no streaming signatures).')
  }
  return { credential, amzDate, signedHeaders, signature, payloadHash }
}

/** Whether a body matches the payload hash its signature covered (always true for UNSIGNED-PAYLOAD). */
export function payloadMatches(payloadHash: string, body: Uint8Array): boolean {
  return payloadHash === UNSIGNED_PAYLOAD || createHash('sha256').update(body).digest('hex') === payloadHash
}

function signingKey(secret: string, date: string, region: string, service: string): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request')
}

const hmac = (key: string | Buffer, data: string) => createHmac('sha256', key).update(data, 'utf8').digest()
const sha256Hex = (data: string) => createHash('sha256').update(data, 'utf8').digest('hex')

/** RFC 3986 encoding, as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ as %XX (upper case). */
function uriEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
}

/** S3's canonical URI: each segment decoded then encoded once (no normalisation, no double encoding). */
function canonicalUri(rawPath: string): string | undefined {
  try {
    return rawPath
      .split('/')
      .map((segment) => uriEncode(decodeURIComponent(segment)))
      .join('/')
  } catch {
    return undefined
  }
}

function parseQuery(rawQuery: string): Array<[string, string]> | undefined {
  try {
    return rawQuery
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const [name = '', value = ''] = splitOnce(pair, '=')
        return [decodeURIComponent(name), decodeURIComponent(value)]
      })
  } catch {
    return undefined
  }
}

function canonicalQuery(pairs: Array<[string, string]>): string {
  return pairs
    .map(([name, value]) => [uriEncode(name), uriEncode(value)] as const)
    .sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join('&')
}

function canonicalHeaderValue(value: string | string[] | undefined): string {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '')
  return joined.trim().replace(/\s+/g, ' ')
}

function header(headers: http.IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name]
  return Array.isArray(value) ? value.join(',') : value
}

function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value)
  if (!match) return undefined
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number]
  return Date.UTC(y, mo - 1, d, h, mi, s)
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator)
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + separator.length)]
}
