/** A bounded log of API requests, readable by tests to count what was sent. */
export interface LoggedRequest {
  /** When the answer ended (or the connection died), epoch ms. */
  at: number
  /** When the request arrived, epoch ms: what a test compares with a window (e.g. offline). */
  startedAt: number
  method: string
  path: string
  /** The query string without its leading "?" (part numbers live there; signatures too). */
  query?: string
  /** tus: the request's Upload-Offset (a PATCH's place in the file: its "part"). */
  offset?: number
  status: number
  /** The connection ended before a whole answer went out (reset, dropped, the client left). */
  aborted?: boolean
  /** For multipart completion: how many parts were listed. */
  parts?: number
  /** The request body's declared size (Content-Length), when it had one: what the client sent. */
  bytes?: number
}

/** A request's Content-Length, when it is a plain number. */
export function declaredBytes(value: string | null | undefined): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined
}

/** What the log keeps of a request's URL and headers, from either server (Hono or node:http). */
export function describeRequest(url: string, header: (name: string) => string | null | undefined): Pick<LoggedRequest, 'path' | 'query' | 'offset' | 'bytes'> {
  const at = url.indexOf('?')
  const path = at < 0 ? url : url.slice(0, at)
  const query = at < 0 ? '' : url.slice(at + 1)
  const bytes = declaredBytes(header('content-length'))
  const offset = declaredBytes(header('upload-offset'))
  return { path, ...(query ? { query } : {}), ...(offset === undefined ? {} : { offset }), ...(bytes === undefined ? {} : { bytes }) }
}

const LIMIT = 5000

export function createRequestLog() {
  const entries: LoggedRequest[] = []
  return {
    add(entry: LoggedRequest) {
      entries.push(entry)
      if (entries.length > LIMIT) entries.splice(0, entries.length - LIMIT)
    },
    list: () => [...entries],
    clear: () => void entries.splice(0),
  }
}

export type RequestLog = ReturnType<typeof createRequestLog>
