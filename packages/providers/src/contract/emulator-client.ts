/** The page's view of the emulator's admin API: faults, the request log, stored objects. */
export interface FaultRule {
  route: string
  failRate?: number
  status?: number
  body?: string
  contentType?: string
  latencyMs?: number
  times?: number
  skip?: number
  dropConnection?: boolean
  /** Handle the request, then cut the connection: it took effect, the client never hears so. */
  dropResponse?: boolean
  headers?: Record<string, string>
  /** Expire every URL issued so far when a matching request arrives (it is refused as expired). */
  expireUrls?: boolean
  corruptBody?: boolean
  truncateBody?: boolean
  urlTtlSeconds?: number
}

export interface LoggedRequest {
  method: string
  path: string
  status: number
  parts?: number
  /** The request body's Content-Length, when it had one. */
  bytes?: number
  /** The query string, without its "?" (absent when there was none). */
  query?: string
}

export function emulatorClient(baseUrl: string) {
  const json = async (path: string, init?: RequestInit) => {
    const response = await fetch(`${baseUrl}${path}`, init)
    if (!response.ok && response.status !== 404) throw new Error(`${path}: ${response.status}`)
    return response.status === 204 ? undefined : ((await response.json()) as unknown)
  }
  return {
    baseUrl,
    setFaults: (rules: FaultRule[]) =>
      json('/__faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rules) }),
    clearFaults: () => json('/__faults', { method: 'DELETE' }),
    /** Expire every presigned URL issued so far, on every provider; resolves when new ones are valid. */
    expireUrls: () => json('/__expire-urls', { method: 'POST' }),
    /** How many requests each fault rule has acted on so far (a latency rule: how many arrived). */
    faultHits: async () => ((await json('/__faults')) as Array<FaultRule & { hits: number }>).map((r) => r.hits),
    log: async () => (await json('/__log')) as LoggedRequest[],
    clearLog: () => json('/__log', { method: 'DELETE' }),
    /** Size and SHA-256 the emulator computes from the stored bytes; null when absent. */
    inspect: async (vendor: string, key: string) => {
      const found = (await json(`/__inspect/${vendor}?key=${encodeURIComponent(key)}`)) as { size?: number; sha256?: string }
      return found.sha256 === undefined ? null : { size: found.size!, sha256: found.sha256 }
    },
  }
}

export type EmulatorClient = ReturnType<typeof emulatorClient>
