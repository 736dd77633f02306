import {
  UploadError,
  classifyAnswer,
  toUploadError,
  type ChecksumAlgorithm,
  type ErrorTable,
  type FileInfo,
  type PartResponse,
  type ProviderLimits,
  type UploadProvider,
  type StoredObject,
} from '@uplink/core'
import type { TokenSupplier } from '../http/json-request'
import { isRedirect, redirectError } from '../http/redirect'
import { badResponse, expectObject, expectString } from '../http/validate'
import { type TusCapabilities, UNKNOWN_CAPABILITIES, readCapabilities } from './discovery'
import { TUS_LIMITS, TUS_MAX_CONCURRENCY, TUS_VERSION } from './limits'
import { encodeUploadMetadata } from './metadata'
import { planFromOffset } from './resume-plan'

export interface TusProviderOptions {
  /** The creation URL, e.g. `https://tus.example.com/files`. */
  endpoint: string
  /**
   * Bearer token for the tus server, if it wants one. Sent only to the endpoint's own origin
   * (an upload URL on another host gets none). Asked again once after a 401; never stored.
   */
  getToken?: TokenSupplier
  /** Extra `Upload-Metadata` pairs; `filename` and `filetype` are always sent. */
  metadata?: (file: FileInfo) => Record<string, string>
  /**
   * Send small files in the creating POST (creation-with-upload). Default true; turn it off for
   * a server without that extension (it would store none of the bytes sent with the POST).
   */
  creationWithUpload?: boolean
  limits?: Partial<ProviderLimits>
  fetch?: typeof fetch
}

export interface TusSession {
  /** The upload URL (`Location` of the creating POST, made absolute). */
  url: string
  length: number
}

const OFFSET_STREAM = 'application/offset+octet-stream'

/** What a tus server's answers mean beyond the engine's defaults (tus.md §2). */
const TUS_ERRORS: ErrorTable = [
  // The server is at another offset: ask it where to go on (HEAD), then resend from there.
  { on: 'part', status: 409, means: 'resync', message: 'The tus server is at another offset; asking it where to continue.' },
  // Expired (Upload-Expires) or terminated: a new upload.
  { on: 'part', status: [403, 404, 410], means: 'session-lost' },
  // The checksum extension's mismatch: send the chunk again.
  { on: 'part', status: 460, means: 'corrupted' },
  { on: 'call', status: 413, means: 'fatal', error: 'file-too-large' },
]

/**
 * tus 1.0.0 (tus.md): one upload resource that grows by sequential PATCHes at an offset. Parts
 * are just chunks (concurrency 1), a receipt is the offset after it, resume is HEAD, a 409 is
 * resynced through HEAD, DELETE terminates, and small files go in the creating POST.
 */
export function createTusProvider(options: TusProviderOptions): UploadProvider<TusSession> {
  const endpoint = options.endpoint
  const origin = new URL(endpoint).origin
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis)
  let discovered: Promise<TusCapabilities> | undefined
  let known: TusCapabilities | undefined

  /** Authorization for the tus server's own origin only. */
  async function authHeaders(url: string, refresh: boolean): Promise<Record<string, string>> {
    if (!options.getToken || new URL(url).origin !== origin) return {}
    const token = await options.getToken({ refresh })
    return token ? { Authorization: `Bearer ${token}` } : {}
  }

  /** One protocol request (not a PATCH: those go through the engine), with one token refresh after a 401. */
  async function send(method: 'POST' | 'HEAD' | 'DELETE' | 'OPTIONS', url: string, signal: AbortSignal, headers: Record<string, string> = {}) {
    const attempt = async (refresh: boolean) => {
      const all = { ...(method === 'OPTIONS' ? {} : { 'Tus-Resumable': TUS_VERSION }), ...(await authHeaders(url, refresh)), ...headers }
      try {
        // Never follow a redirect on a protocol call: a 3xx is reported, not obeyed.
        return await doFetch(url, { method, headers: all, signal, redirect: 'manual' })
      } catch (error) {
        if (signal.aborted) throw toUploadError(error)
        throw new UploadError({ code: 'network', message: `Could not reach ${new URL(url).origin}.`, retryable: true, cause: error })
      }
    }
    const first = await attempt(false)
    const response = first.status === 401 && options.getToken && method !== 'OPTIONS' ? await attempt(true) : first
    if (isRedirect(response)) throw redirectError(response, url)
    return response
  }

  /** OPTIONS once per provider; a server that does not answer is taken to have only creation. */
  function capabilities(signal: AbortSignal): Promise<TusCapabilities> {
    discovered ??= send('OPTIONS', endpoint, signal)
      .then((response) => (response.ok ? readCapabilities((name) => response.headers.get(name)) : UNKNOWN_CAPABILITIES))
      .catch(() => UNKNOWN_CAPABILITIES)
      .then((caps) => (known = caps))
    return discovered
  }

  const creationHeaders = (file: FileInfo): Record<string, string> => {
    const metadata = encodeUploadMetadata({ filename: file.relativePath ?? file.name, filetype: file.type || undefined, ...options.metadata?.(file) })
    return { 'Upload-Length': String(file.size), ...(metadata ? { 'Upload-Metadata': metadata } : {}) }
  }

  const checkSize = (file: FileInfo, caps: TusCapabilities) => {
    if (caps.maxSize !== undefined && file.size > caps.maxSize) {
      throw new UploadError({ code: 'file-too-large', message: `The file is ${file.size} bytes; this tus server takes at most ${caps.maxSize} (Tus-Max-Size).` })
    }
  }

  /** The upload URL from a creation answer, made absolute against the creation URL. */
  const uploadUrlFrom = (location: string | null): string => {
    if (!location) throw badResponse('the creation answer has no readable Location header (the server must list it in Access-Control-Expose-Headers)')
    return new URL(location, endpoint).href
  }

  const resultFor = (url: string): StoredObject => ({ url, key: decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? '') })

  const provider: UploadProvider<TusSession> = {
    name: 'tus',
    limits: { ...TUS_LIMITS, ...options.limits },
    errors: TUS_ERRORS,
    maxConcurrency: TUS_MAX_CONCURRENCY,
    // Only when the server announced the checksum extension with an algorithm we hash (read after the first OPTIONS).
    get partChecksum(): ChecksumAlgorithm | undefined {
      return known?.checksum
    },

    ...(options.creationWithUpload === false
      ? {}
      : {
          singleRequest: {
            maxSize: Number.MAX_SAFE_INTEGER,
            async request(file, _part, { signal, reason }) {
              checkSize(file, await capabilities(signal))
              return {
                method: 'POST' as const,
                url: endpoint,
                headers: { 'Tus-Resumable': TUS_VERSION, 'Content-Type': OFFSET_STREAM, ...creationHeaders(file), ...(await authHeaders(endpoint, reason === 'unauthorized')) },
              }
            },
            result(file, response) {
              const url = uploadUrlFrom(response.header('Location'))
              const offset = Number(response.header('Upload-Offset') ?? (file.size === 0 ? 0 : NaN))
              if (offset !== file.size) {
                throw new UploadError({
                  code: 'bad-response',
                  message: `The tus server stored ${Number.isNaN(offset) ? 'an unknown number of' : offset} of ${file.size} bytes sent with the creating POST; it may lack creation-with-upload (set creationWithUpload: false).`,
                })
              }
              return resultFor(url)
            },
          },
        }),

    async createUpload(file, _plan, { signal }) {
      checkSize(file, await capabilities(signal))
      const response = await send('POST', endpoint, signal, creationHeaders(file))
      if (!response.ok) throw await failure(response, 'creating the upload')
      const session: TusSession = { url: uploadUrlFrom(response.headers.get('Location')), length: file.size }
      // A 0-byte upload is complete the moment it exists.
      return { session, done: file.size === 0 ? [{ number: 1, size: 0, token: '0' }] : [] }
    },

    async partRequest(session, part, { reason }) {
      const headers: Record<string, string> = {
        'Tus-Resumable': TUS_VERSION,
        'Content-Type': OFFSET_STREAM,
        'Upload-Offset': String(part.offset),
        ...(await authHeaders(session.url, reason === 'unauthorized')),
      }
      const algorithm = known?.checksum
      const digest = algorithm ? part.checksums[algorithm] : undefined
      if (algorithm && digest) headers['Upload-Checksum'] = `${algorithm} ${digest.base64}`
      return { method: 'PATCH', url: session.url, headers }
    },

    partReceipt(_session, part, response) {
      const offset = readOffset(response)
      if (offset !== part.offset + part.size) {
        throw new UploadError({ code: 'offset-mismatch', message: `The tus server is at offset ${offset}, expected ${part.offset + part.size}; resyncing.` })
      }
      return { number: part.number, size: part.size, token: String(offset) }
    },

    async completeUpload(session, receipts, { signal }) {
      // Done when the offset reached the length (tus has no completion call); else ask the server.
      const last = receipts[receipts.length - 1]
      if (Number(last?.token) !== session.length) {
        const response = await send('HEAD', session.url, signal)
        if (!response.ok) throw await failure(response, 'checking the upload')
        const offset = Number(response.headers.get('Upload-Offset'))
        if (offset !== session.length) {
          throw new UploadError({ code: 'offset-mismatch', message: `The tus server holds ${offset} of ${session.length} bytes; resyncing.` })
        }
      }
      return resultFor(session.url)
    },

    async abortUpload(session, { signal }) {
      const response = await send('DELETE', session.url, signal)
      // Already gone, or a server without termination: nothing more to do.
      if (!response.ok && ![404, 410, 405].includes(response.status)) throw await failure(response, 'terminating the upload')
    },

    persistSession: (session) => ({ url: session.url, length: session.length }),

    async resumeUpload(stored, file, { signal }) {
      const snapshot = expectObject(stored.snapshot, 'stored session')
      const session: TusSession = { url: expectString(snapshot, 'url', 'stored'), length: file.size }
      if (snapshot.length !== file.size) return null
      const response = await send('HEAD', session.url, signal, {})
      if ([403, 404, 410].includes(response.status)) return null
      if (!response.ok) throw await failure(response, 'asking for the offset')
      const offsetText = response.headers.get('Upload-Offset')
      const length = response.headers.get('Upload-Length')
      if (offsetText === null) throw badResponse('the HEAD answer has no readable Upload-Offset (expose it through CORS)')
      const offset = Number(offsetText)
      if (!Number.isSafeInteger(offset) || offset < 0 || offset > file.size || (length !== null && Number(length) !== file.size)) return null
      await capabilities(signal)
      return { session, ...planFromOffset(stored.plan, offset) }
    },
  }
  return provider
}

function readOffset(response: PartResponse): number {
  const text = response.header('Upload-Offset')
  if (text === null) throw badResponse('the PATCH answer has no readable Upload-Offset (the server must list it in Access-Control-Expose-Headers)')
  const offset = Number(text)
  if (!Number.isSafeInteger(offset) || offset < 0) throw badResponse(`Upload-Offset "${text}" is not an offset`)
  return offset
}

/** A typed error for a non-2xx protocol answer, read through the tus table and the engine's defaults. */
async function failure(response: Response, what: string): Promise<UploadError> {
  const body = await response.text().catch(() => '')
  return classifyAnswer({ status: response.status, body, header: (name) => response.headers.get(name) }, TUS_ERRORS, {
    what: `The tus server, while ${what},`,
    on: 'call',
  })
}
