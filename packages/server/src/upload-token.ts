import { base64UrlToBytes, bytesToBase64Url } from './base64'
import type { ChecksumAlgorithm } from './checksums'
import { CHECKSUM_ALGORITHMS } from './checksums'
import { SignerError } from './errors'
import type { UploadPlan } from './upload-plan'

/**
 * The upload token: what the signer hands the client at create and asks back for every later
 * call (sign, list, complete, abort). An HMAC-SHA-256, under the app's secret, over the upload
 * id, key, plan, checksum algorithm and expiry it carries, and over the identity `authorize`
 * returned (not carried: the identity of the later request is put in, so a token used by anyone
 * else fails to verify). No server-side session store is needed.
 *
 * Format: `v1.<base64url JSON claims>.<base64url MAC>`. WebCrypto only, so it runs on any
 * Fetch-API runtime; `crypto.subtle.verify` compares in constant time.
 */
export interface UploadClaims {
  uploadId: string
  key: string
  plan: UploadPlan
  /** The additional checksum the upload was created with; parts must be signed with it. */
  checksum?: ChecksumAlgorithm
  /** Epoch ms. */
  expiresAt: number
}

/** Tokens longer than this are refused before any work (keys are at most 1 KiB). */
export const MAX_TOKEN_LENGTH = 4096
const VERSION = 'v1'
const encoder = new TextEncoder()
const decoder = new TextDecoder()

export interface TokenCodec {
  issue(claims: UploadClaims, identity: string): Promise<string>
  /** The claims of a token this signer issued to this identity and that has not expired; else a 403. */
  verify(token: string | undefined, identity: string, now?: number): Promise<UploadClaims>
}

export function createTokenCodec(secret: Uint8Array): TokenCodec {
  const key = crypto.subtle.importKey('raw', secret as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify'])
  // The identity is framed by JSON, so no identity/claims split can collide with another.
  const macInput = (identity: string, claims: string) => encoder.encode(JSON.stringify([VERSION, identity, claims]))
  const invalid = (detail: string) => new SignerError('invalid-token', 403, { detail })

  return {
    async issue(claims, identity) {
      const body = bytesToBase64Url(encoder.encode(JSON.stringify(toWire(claims))))
      const mac = new Uint8Array(await crypto.subtle.sign('HMAC', await key, macInput(identity, body)))
      return `${VERSION}.${body}.${bytesToBase64Url(mac)}`
    },
    async verify(token, identity, now = Date.now()) {
      if (typeof token !== 'string' || token === '') throw invalid('no upload token')
      if (token.length > MAX_TOKEN_LENGTH) throw invalid('upload token too long')
      const [version, body, macText, ...rest] = token.split('.')
      const mac = macText === undefined ? undefined : base64UrlToBytes(macText)
      if (version !== VERSION || !body || !mac || rest.length > 0) throw invalid('malformed upload token')
      const valid = await crypto.subtle.verify('HMAC', await key, mac as Uint8Array<ArrayBuffer>, macInput(identity, body))
      if (!valid) throw invalid('upload token MAC does not verify for this identity')
      const bytes = base64UrlToBytes(body)
      const claims = bytes ? fromWire(safeParse(decoder.decode(bytes))) : undefined
      // A token we signed always parses; failing here means the secret leaked or the format changed.
      if (!claims) throw invalid('upload token claims unreadable')
      if (now > claims.expiresAt) throw new SignerError('token-expired', 403, { detail: `expired at ${new Date(claims.expiresAt).toISOString()}` })
      return claims
    },
  }
}

interface WireClaims {
  u: string
  k: string
  s: number
  p: number
  n: number
  c?: ChecksumAlgorithm
  e: number
}

function toWire(claims: UploadClaims): WireClaims {
  const { uploadId, key, plan, checksum, expiresAt } = claims
  return { u: uploadId, k: key, s: plan.size, p: plan.partSize, n: plan.partCount, ...(checksum ? { c: checksum } : {}), e: expiresAt }
}

function fromWire(value: unknown): UploadClaims | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const wire = value as Partial<WireClaims>
  const counts = [wire.s, wire.p, wire.n, wire.e]
  if (typeof wire.u !== 'string' || typeof wire.k !== 'string' || !counts.every((n) => Number.isSafeInteger(n) && (n as number) >= 0)) return undefined
  if (wire.c !== undefined && !CHECKSUM_ALGORITHMS.includes(wire.c)) return undefined
  return {
    uploadId: wire.u,
    key: wire.k,
    plan: { size: wire.s!, partSize: wire.p!, partCount: wire.n! },
    ...(wire.c ? { checksum: wire.c } : {}),
    expiresAt: wire.e!,
  }
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}
