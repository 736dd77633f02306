/** One entry of the emulator's request log, as much of it as the bench reads. */
export interface LoggedCall {
  method: string
  path: string
  status: number
  startedAt?: number
  at?: number
}

/**
 * What one side of a comparison asked of the emulator: requests per route, per file, and how
 * many uploads were really in flight. Two runs that should be alike (the demo and the engine
 * alone) can then be told apart by what they sent, not only by how long they took.
 */
export interface RequestStats {
  total: number
  perFile: number
  /** "METHOD route" → count; routes with their ids and keys folded (/s3-storage/…, /s3/multipart/:id/…). */
  byRoute: Record<string, number>
  /** Body uploads (PUTs to the storage front) in flight on average, from first start to last end. */
  meanPutsInFlight: number
  /** How long one body PUT took on the emulator's clock, ms, on average. */
  meanPutMs: number
  /** Requests the page made to the emulator's control routes (/__list, /__inspect…), which its log leaves out. */
  control: Record<string, number>
}

/** A route with the parts that change per file folded, so counts group by kind. */
export function routeOf(method: string, path: string): string {
  if (path.startsWith('/s3-storage/')) return `${method} /s3-storage/…`
  const folded = path
    .split('/')
    .map((segment, i) => (i > 2 && segment ? ':id' : segment))
    .join('/')
  return `${method} ${folded}`
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const out: Record<string, number> = {}
  for (const item of items) out[key(item)] = (out[key(item)] ?? 0) + 1
  return out
}

export function requestStats(log: LoggedCall[], files: number, controlCalls: string[] = []): RequestStats {
  const puts = log.filter((e) => e.method === 'PUT' && e.path.startsWith('/s3-storage/') && e.startedAt !== undefined && e.at !== undefined)
  const first = Math.min(...puts.map((e) => e.startedAt!))
  const last = Math.max(...puts.map((e) => e.at!))
  const busy = puts.reduce((sum, e) => sum + (e.at! - e.startedAt!), 0)
  return {
    total: log.length,
    perFile: files ? log.length / files : 0,
    byRoute: countBy(log, (e) => routeOf(e.method, e.path)),
    meanPutsInFlight: puts.length && last > first ? busy / (last - first) : 0,
    meanPutMs: puts.length ? busy / puts.length : 0,
    control: countBy(controlCalls, (c) => c),
  }
}

export function describeRequests(stats: RequestStats): string {
  const routes = Object.entries(stats.byRoute)
    .sort((a, b) => b[1] - a[1])
    .map(([route, n]) => `${route} ×${n}`)
    .join(', ')
  const control = Object.entries(stats.control)
    .map(([route, n]) => `${route} ×${n}`)
    .join(', ')
  return `${stats.total} requests (${stats.perFile.toFixed(2)}/file: ${routes}); PUTs in flight ${stats.meanPutsInFlight.toFixed(2)} on average, ${stats.meanPutMs.toFixed(1)} ms each${control ? `; control routes: ${control}` : ''}`
}
