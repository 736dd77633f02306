/** A part listed in a complete request. */
export interface ListedPart {
  partNumber: number
  etag: string
}

export type CompleteBody = { ok: true; parts: ListedPart[] } | { ok: false; message: string }

/**
 * Parse `{"parts":[{"partNumber":1,"etag":"…"}, …]}` the way Go's JSON binding into the sandbox
 * API's struct does: wrong types are a 400, a missing etag is the empty string (so it fails
 * the etag compare later, as a 500), and an empty or absent list is "at least one part is required".
 */
export function parseCompleteBody(text: string): CompleteBody {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch (error) {
    return { ok: false, message: `invalid request body: ${(error as Error).message}` }
  }
  if (body === null) return { ok: false, message: 'at least one part is required' }
  if (typeof body !== 'object' || Array.isArray(body)) return { ok: false, message: 'invalid request body: expected an object' }
  const listed = (body as { parts?: unknown }).parts
  if (listed === undefined || listed === null) return { ok: false, message: 'at least one part is required' }
  if (!Array.isArray(listed)) return { ok: false, message: 'invalid request body: parts must be an array' }
  if (listed.length === 0) return { ok: false, message: 'at least one part is required' }

  const parts: ListedPart[] = []
  for (const item of listed) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return { ok: false, message: 'invalid request body: each part must be an object' }
    const { partNumber = 0, etag = '' } = item as { partNumber?: unknown; etag?: unknown }
    if (typeof partNumber !== 'number' || !Number.isSafeInteger(partNumber)) return { ok: false, message: 'invalid request body: partNumber must be an integer' }
    if (typeof etag !== 'string') return { ok: false, message: 'invalid request body: etag must be a string' }
    parts.push({ partNumber, etag })
  }
  return { ok: true, parts }
}
