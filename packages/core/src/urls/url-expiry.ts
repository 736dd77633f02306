/**
 * When a presigned URL dies. The API may say (`expires_at`, `expiresAt`); else a SigV4 URL says
 * in `X-Amz-Expires` (seconds), counted from when we received it: `X-Amz-Date` has only second
 * precision and the server's clock is not ours, so the local receipt time is the safer origin.
 */
export function presignedExpiry(url: string, receivedAt: number): number | undefined {
  let expires: string | null
  try {
    expires = new URL(url).searchParams.get('X-Amz-Expires')
  } catch {
    return undefined
  }
  const seconds = Number(expires)
  return expires !== null && Number.isFinite(seconds) && seconds > 0 ? receivedAt + seconds * 1000 : undefined
}

/**
 * Whether to get a fresh URL before using this one: it expires within `marginMs`, or (for a
 * short-lived URL) it is past half of its life. A URL that seemed dead on arrival (a clock skewed
 * against the server's) is used as it is: the storage's own "expired" answer then says.
 */
export function isNearExpiry(url: { receivedAt: number; expiresAt: number | undefined }, now: number, marginMs: number): boolean {
  if (url.expiresAt === undefined) return false
  const lifetime = url.expiresAt - url.receivedAt
  if (lifetime <= 0) return false
  return url.expiresAt - now < Math.min(marginMs, lifetime / 2)
}
