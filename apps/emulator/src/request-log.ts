/** A bounded log of API requests, readable by tests to count what was sent. */
export interface LoggedRequest {
  at: number
  method: string
  path: string
  status: number
  /** For multipart completion: how many parts were listed. */
  parts?: number
  /** The request body's declared size (Content-Length), when it had one: what the client sent. */
  bytes?: number
}

/** A request's Content-Length, when it is a plain number. */
export function declaredBytes(value: string | null | undefined): number | undefined {
  return value && /^\d+$/.test(value) ? Number(value) : undefined
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
