/**
 * When a presigned URL dies. The API may say (`expires_at`, `expiresAt`); else a SigV4 URL says
 * in `X-Amz-Expires` (seconds), counted from when we received it (the server's clock is not
 * ours), less a second: the store counts from `X-Amz-Date`, which drops the signing time's
 * fraction of a second, so the URL may die up to a second before receipt + lifetime.
 */
export function presignedExpiry(url: string, receivedAt: number): number | undefined {
  let query: URLSearchParams
  try {
    query = new URL(url).searchParams
  } catch {
    return undefined
  }
  const expires = query.get('X-Amz-Expires')
  const seconds = Number(expires)
  if (expires === null || !Number.isFinite(seconds) || seconds <= 0) return undefined
  return receivedAt + seconds * 1000 - (query.has('X-Amz-Date') ? 1000 : 0)
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
