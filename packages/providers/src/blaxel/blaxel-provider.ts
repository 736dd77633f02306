import { type ErrorTable, type PartReceipt, type ProviderLimits, UploadError, type UploadProvider } from '@uplink/core'
import { type TokenSupplier, requestJson } from '../http/json-request'
import { everyPartStored, storedReceipts } from '../http/stored-upload'
import { badResponse, expectObject, expectString } from '../http/validate'
import { BLAXEL_LIMITS } from './limits'
import { defaultDestination, initiatePathSegment } from './sandbox-path'

export interface BlaxelProviderOptions {
  /** The sandbox API's base URL (the sandbox's `metadata.url`, e.g. `https://sbx-….bl.run`). */
  baseUrl: string
  /** Bearer token (API key or OAuth JWT) for the sandbox API. Asked again once after a 401; never stored. */
  getToken: TokenSupplier
  /**
   * Where a file goes in the sandbox: an absolute path ("/tmp/a.bin") or one relative to the
   * sandbox working directory. Default: the dropped-folder path or name under `directory`.
   */
  destination?: (file: { name: string; relativePath?: string | undefined }) => string
  /** Folder for the default destination; "" = the sandbox working directory. Default "/tmp/uploads". */
  directory?: string
  /** Octal mode string for the finished file, e.g. "0644" (the API's default). */
  permissions?: string
  limits?: Partial<ProviderLimits>
  fetch?: typeof fetch
}

export interface BlaxelSession {
  uploadId: string
  /** Absolute destination path, as the sandbox resolved it. */
  path: string
}

/** What the sandbox's answers mean beyond the engine's defaults (blaxel.md §3: they are not what you would guess). */
const BLAXEL_ERRORS: ErrorTable = [
  // An unknown, aborted or completed upload id on a part PUT is a 500, not a 404 (§3.2).
  { on: 'part', status: 500, body: /upload not found/i, means: 'session-lost', message: 'The sandbox no longer knows this upload; starting over.' },
  // The part-number range is checked before the upload id: retrying cannot help.
  { on: 'part', status: 500, body: /part number must be between/i, means: 'fatal', message: 'The sandbox refused the part number (1..10000).' },
  // At completion, "part N not found" / "etag mismatch": its parts differ from our receipts, so
  // list them again and resend what differs (the engine's resync, §3.4).
  { on: 'call', status: 500, body: /not found|etag mismatch/i, means: 'resync' },
]

/**
 * Blaxel sandbox filesystem multipart (blaxel.md): parts go through the vendor API itself as
 * multipart/form-data field `file`, each answered with the MD5 of what arrived (`etag`), which
 * is checked against the part's own MD5 and echoed verbatim at completion.
 */
export function createBlaxelProvider(options: BlaxelProviderOptions): UploadProvider<BlaxelSession> {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/filesystem-multipart`
  const directory = options.directory ?? '/tmp/uploads'
  const destinationOf = options.destination ?? ((file) => defaultDestination(directory, file.relativePath, file.name))
  const call = (url: string, method: 'GET' | 'POST' | 'DELETE', signal: AbortSignal, body?: unknown) =>
    requestJson(url, { method, body, signal, getToken: options.getToken, fetch: options.fetch, errors: BLAXEL_ERRORS })
  const sessionUrl = (session: BlaxelSession, rest: string) => `${base}/${encodeURIComponent(session.uploadId)}/${rest}`

  return {
    name: 'blaxel',
    limits: { ...BLAXEL_LIMITS, ...options.limits },
    errors: BLAXEL_ERRORS,
    // The sandbox answers every part with the MD5 of the bytes it stored.
    partChecksum: 'md5',

    async createUpload(file, _plan, { signal }) {
      let segment: string
      try {
        segment = initiatePathSegment(destinationOf(file))
      } catch (error) {
        throw new UploadError({ code: 'restricted', message: `Blaxel destination: ${(error as Error).message}.`, cause: error })
      }
      const answer = expectObject(await call(`${base}/initiate/${segment}`, 'POST', signal, { permissions: options.permissions ?? '0644' }), 'initiate')
      return { session: { uploadId: expectString(answer, 'uploadId', 'initiate'), path: expectString(answer, 'path', 'initiate') } }
    },

    async partRequest(session, part, { reason }) {
      const token = await options.getToken({ refresh: reason === 'unauthorized' })
      const headers: Record<string, string> = token ? { Authorization: `Bearer ${token}` } : {}
      return {
        method: 'PUT',
        url: `${sessionUrl(session, 'part')}?partNumber=${part.number}`,
        // No Content-Type: the browser writes the multipart boundary itself.
        headers,
        body: { formField: 'file', fileName: `part-${part.number}` },
      }
    },

    partReceipt(_session, part, response) {
      let answer: Record<string, unknown>
      try {
        answer = expectObject(JSON.parse(response.body) as unknown, 'part answer')
      } catch (error) {
        throw error instanceof UploadError ? error : badResponse('the part answer is not JSON')
      }
      const etag = expectString(answer, 'etag', 'part answer')
      const expected = part.checksums.md5?.hex
      if ((expected !== undefined && etag !== expected) || (typeof answer.size === 'number' && answer.size !== part.size)) {
        throw new UploadError({
          code: 'checksum-mismatch',
          message: `Part ${part.number} arrived different from what was sent (MD5 ${etag}, expected ${expected ?? '?'}); sending it again.`,
          retryable: true,
          status: response.status,
        })
      }
      return { number: part.number, size: part.size, token: etag }
    },

    async completeUpload(session, receipts, { signal }) {
      // Each part once, in order: the sandbox concatenates exactly what is listed (README rule 7).
      const seen = new Set<number>()
      const parts = [...receipts]
        .sort((a, b) => a.number - b.number)
        .filter((r) => !seen.has(r.number) && seen.add(r.number))
        .map((r) => ({ partNumber: r.number, etag: r.token }))
      let answer: unknown
      try {
        answer = await call(sessionUrl(session, 'complete'), 'POST', signal, { parts })
      } catch (error) {
        // Read here, not in the error table, because a 404 means done only at this moment: with
        // every part just stored, an earlier complete went through (the sandbox deletes a session
        // as it completes it) and its answer was lost: a retry, the browser re-sending a POST
        // whose connection dropped, a page closed while completing. Count it done.
        if (error instanceof UploadError && error.status === 404) return { key: session.path }
        throw error
      }
      const result = expectObject(answer, 'complete')
      const path = typeof result.path === 'string' && result.path !== '' ? result.path : session.path
      return { key: path }
    },

    async abortUpload(session, { signal }) {
      try {
        await call(sessionUrl(session, 'abort'), 'DELETE', signal)
      } catch (error) {
        // Already gone (completed, aborted or cleaned up): nothing left to abort.
        if (!(error instanceof UploadError && error.status === 404)) throw error
      }
    },

    persistSession: (session) => ({ uploadId: session.uploadId, path: session.path }),

    async resumeUpload(stored, _file, { signal }) {
      const snapshot = expectObject(stored.snapshot, 'stored session')
      const session: BlaxelSession = { uploadId: expectString(snapshot, 'uploadId', 'stored'), path: expectString(snapshot, 'path', 'stored') }
      let listed: Record<string, unknown>
      try {
        listed = expectObject(await call(sessionUrl(session, 'parts'), 'GET', signal), 'parts')
      } catch (error) {
        if (!(error instanceof UploadError && error.status === 404)) throw error
        // The session is gone. With every part stored, the page closed while completing: send
        // the completion again (a 404 then counts as done) rather than the file. Else start over.
        if (!everyPartStored(stored, true)) return null
        return { session, done: storedReceipts(stored) }
      }
      if (!Array.isArray(listed.parts)) throw badResponse('parts.parts is not a list')
      return { session, done: trustedParts(listed.parts, stored.plan, stored.receipts) }
    },
  }
}

/**
 * Which listed parts need not be sent again: the size must match the plan, and where we kept a
 * receipt its etag must match too. A part with no receipt (its answer was lost) is trusted on
 * size alone; its etag is then the server's, which completion will echo.
 */
export function trustedParts(
  listed: readonly unknown[],
  plan: readonly { number: number; size: number }[],
  receipts: readonly PartReceipt[],
): PartReceipt[] {
  const sizes = new Map(plan.map((p) => [p.number, p.size]))
  const kept = new Map(receipts.map((r) => [r.number, r.token]))
  const done: PartReceipt[] = []
  for (const raw of listed) {
    const part = expectObject(raw, 'listed part')
    const { partNumber, etag, size } = part
    if (typeof partNumber !== 'number' || typeof etag !== 'string' || typeof size !== 'number') throw badResponse('a listed part lacks partNumber, etag or size')
    if (sizes.get(partNumber) !== size) continue
    const token = kept.get(partNumber)
    if (token !== undefined && token !== etag) continue
    done.push({ number: partNumber, size, token: etag })
  }
  return done
}
