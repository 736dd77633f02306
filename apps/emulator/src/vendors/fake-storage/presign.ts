import { createHmac, timingSafeEqual } from 'node:crypto'
import { StorageError } from './s3-error'

/**
 * Presigned storage URLs in the shape of SigV4 query authentication. The signature is an HMAC
 * (emulator secret) over the method, bucket, key, every query parameter but the signature, and
 * the values of the headers listed in X-Amz-SignedHeaders, so changing any of them breaks it.
 * It is not AWS's exact algorithm: only this storage verifies these URLs.
 */
export interface PresignInput {
  method: 'PUT' | 'GET' | 'HEAD'
  bucket: string
  key: string
  /** Operation parameters, e.g. partNumber and uploadId. */
  params: Record<string, string>
  ttlSeconds: number
  /** Headers the request must carry with exactly these values (names lower-case), e.g. x-amz-checksum-crc32c. */
  signedHeaders?: Record<string, string>
}

export const MAX_TTL_SECONDS = 604_800

/** 20260428T153218Z */
export const amzDate = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

function parseAmzDate(text: string): number | null {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text)
  if (!m) return null
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]))
}

export const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/')

/**
 * `expiredOnDemand` says whether a URL issued at a given instant was expired early (the
 * emulator's POST /__expire-urls); such a URL is refused exactly as one past its lifetime.
 */
export function createPresigner(secret: string, now: () => number, expiredOnDemand: (issuedAt: number) => boolean = () => false) {
  const digest = (method: string, bucket: string, key: string, query: Array<[string, string]>, headerValues: Array<[string, string]>) => {
    const canonical = JSON.stringify([
      method,
      bucket,
      key,
      [...query].filter(([name]) => name !== 'X-Amz-Signature').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      headerValues,
    ])
    return createHmac('sha256', secret).update(canonical).digest('hex')
  }

  return {
    /** The query string (without "?") of a presigned URL, and when it expires. */
    sign(input: PresignInput): { query: string; expiresAt: number } {
      if (!Number.isInteger(input.ttlSeconds) || input.ttlSeconds < 1 || input.ttlSeconds > MAX_TTL_SECONDS) {
        throw new Error(`URL lifetime must be 1..${MAX_TTL_SECONDS} s, got ${input.ttlSeconds}`)
      }
      const signedAt = Math.floor(now() / 1000) * 1000
      const headers = Object.entries(input.signedHeaders ?? {}).map(([n, v]) => [n.toLowerCase(), v] as [string, string])
      headers.sort(([a], [b]) => (a < b ? -1 : 1))
      const query: Array<[string, string]> = [
        ...Object.entries(input.params),
        ['X-Amz-Algorithm', 'AWS4-HMAC-SHA256'],
        ['X-Amz-Credential', `UPLINKEMULATOR/${amzDate(signedAt).slice(0, 8)}/us-east-1/s3/aws4_request`],
        ['X-Amz-Date', amzDate(signedAt)],
        ['X-Amz-Expires', String(input.ttlSeconds)],
        ['X-Amz-SignedHeaders', ['host', ...headers.map(([n]) => n)].join(';')],
      ]
      const signature = digest(input.method, input.bucket, input.key, query, headers)
      query.push(['X-Amz-Signature', signature])
      return { query: new URLSearchParams(query).toString(), expiresAt: signedAt + input.ttlSeconds * 1000 }
    },

    /**
     * Throws the S3 error for a request that does not carry a valid, unexpired presigned
     * signature; S3 checks the signature before the expiry, so a tampered X-Amz-Expires
     * cannot buy time.
     */
    verify(method: string, bucket: string, key: string, search: URLSearchParams, headers: Headers): void {
      const signature = search.get('X-Amz-Signature')
      const date = search.get('X-Amz-Date')
      const expires = search.get('X-Amz-Expires')
      const signedHeaders = search.get('X-Amz-SignedHeaders')
      if (!signature || !date || !expires || !signedHeaders || !search.get('X-Amz-Credential')) {
        throw new StorageError(403, 'AccessDenied', 'Query-string authentication requires the Signature, Expires and Credential parameters')
      }
      const names = signedHeaders.split(';').filter((n) => n !== 'host')
      const values = names.map((n) => [n, headers.get(n) ?? ''] as [string, string])
      const expected = Buffer.from(digest(method, bucket, key, [...search.entries()], values), 'hex')
      const given = Buffer.from(signature, 'hex')
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new StorageError(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.')
      }
      const signedAt = parseAmzDate(date)
      const ttl = Number(expires)
      if (signedAt === null || !Number.isInteger(ttl) || ttl < 1 || ttl > MAX_TTL_SECONDS) {
        throw new StorageError(400, 'AuthorizationQueryParametersError', 'X-Amz-Date must be in ISO 8601 basic format and X-Amz-Expires between 1 and 604800 seconds.')
      }
      const expiresAt = signedAt + ttl * 1000
      const current = now()
      if (current > expiresAt || expiredOnDemand(signedAt)) {
        throw new StorageError(403, 'AccessDenied', 'Request has expired', {
          'X-Amz-Expires': ttl,
          Expires: new Date(expiresAt).toISOString(),
          ServerTime: new Date(current).toISOString(),
        })
      }
      // Any x-amz-* header the signature does not cover is refused, as AWS does (§4).
      const unsigned = [...headers.keys()].filter((n) => n.startsWith('x-amz-') && !names.includes(n))
      if (unsigned.length > 0) {
        throw new StorageError(403, 'AccessDenied', 'There were headers present in the request which were not signed', {
          HeadersNotSigned: unsigned.join(', '),
        })
      }
    },
  }
}

export type Presigner = ReturnType<typeof createPresigner>
