import { type Page, expect } from '@playwright/test'
import { dropGeneratedFile } from '../drop'
import { fillPseudoRandom, sha256Hex } from '../generated-file'
import type { LoggedRequest } from '../../apps/emulator/src/request-log'

/**
 * Helpers of the fault specs: the emulator's admin API (faults, request log, cutting requests in
 * flight, expiring URLs), what counts as a part request for each API, and driving the demo.
 */

export const EMULATOR = 'http://127.0.0.1:4600'
export const MiB = 1024 * 1024

/** One entry of the emulator's request log. */
export type { LoggedRequest }

export interface FaultRule {
  route: string
  failRate?: number
  seed?: number
  perPart?: number
  distinctParts?: boolean
  status?: number
  latencyMs?: number
  times?: number
  skip?: number
  dropConnection?: boolean
  dropResponse?: boolean
  resetAfterBody?: boolean
  holdAnswerMs?: number
  streak?: number
  expireUrls?: boolean
  urlTtlSeconds?: number
  bytesPerSecond?: number
}

const admin = async (method: string, path: string, body?: unknown): Promise<Response> => {
  const response = await fetch(`${EMULATOR}${path}`, {
    method,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  })
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`)
  return response
}

export const emulator = {
  setFaults: (rules: FaultRule[]) => admin('PUT', '/__faults', rules),
  clearFaults: () => admin('DELETE', '/__faults'),
  clearLog: () => admin('DELETE', '/__log'),
  /** The rules in force, each with how many requests it hit. */
  faults: async () => (await (await admin('GET', '/__faults')).json()) as Array<FaultRule & { hits: number }>,
  log: async () => (await (await admin('GET', '/__log')).json()) as LoggedRequest[],
  /** The emulator's clock, the one its log's `at` and `startedAt` are read from (epoch ms). */
  now: async () => ((await (await admin('GET', '/__now')).json()) as { now: number }).now,
  /** Cut every API request in flight (as a lost network would); how many connections were cut. */
  resetInFlight: async () => ((await (await admin('POST', '/__reset-in-flight')).json()) as { reset: number }).reset,
  expireUrls: () => admin('POST', '/__expire-urls'),
  /** Answers of a fault route the emulator holds back now (holdAnswerMs): their requests took effect. */
  holding: async (route: string) => ((await (await admin('GET', '/__held')).json()) as Record<string, number>)[route] ?? 0,
  list: async (store: string) => (await (await admin('GET', `/__list/${store}`)).json()) as Array<{ key: string; size: number }>,
}

/** What the specs need to know of each API the demo offers. */
export interface FaultProvider {
  id: string
  /** The emulator's store (its /__list route). */
  store: string
  /** Fault route of part uploads. */
  partRoute: string
  /** Fault route of the call that ends an upload (tus: its last PATCH). */
  completeRoute: string
  /** Whether part URLs are presigned and can expire. */
  presigned: boolean
  isPart(entry: LoggedRequest): boolean
  /** The request that starts a new upload session on the server. */
  isCreate(entry: LoggedRequest): boolean
}

const partNumber = (entry: LoggedRequest) => new URLSearchParams(entry.query ?? '').get('partNumber')
const presignedPart = (prefix: string) => (e: LoggedRequest) => e.method === 'PUT' && e.path.startsWith(prefix) && partNumber(e) !== null

export const faultProviders: FaultProvider[] = [
  { id: 's3', store: 's3', partRoute: 's3.put', completeRoute: 's3.complete', presigned: true, isPart: presignedPart('/s3-storage/'), isCreate: (e) => e.method === 'POST' && e.path === '/s3/multipart' },
  { id: 'tus', store: 'tus', partRoute: 'tus.patch', completeRoute: 'tus.patch', presigned: false, isPart: (e) => e.method === 'PATCH' && e.path.startsWith('/tus/files/'), isCreate: (e) => e.method === 'POST' && e.path === '/tus/files' },
  {
    id: 'blaxel',
    store: 'blaxel',
    partRoute: 'blaxel.part',
    completeRoute: 'blaxel.complete',
    presigned: false,
    isPart: (e) => e.method === 'PUT' && /^\/blaxel\/filesystem-multipart\/[^/]+\/part$/.test(e.path),
    isCreate: (e) => e.method === 'POST' && e.path.startsWith('/blaxel/filesystem-multipart/initiate'),
  },
  { id: 'cognite', store: 'cognite', partRoute: 'cognite.part', completeRoute: 'cognite.complete', presigned: true, isPart: (e) => e.method === 'PUT' && e.path.startsWith('/cognite/storage/'), isCreate: (e) => e.method === 'POST' && e.path.endsWith('/files/initmultipartupload') },
  { id: 'drime', store: 'drime', partRoute: 'storage.put', completeRoute: 'drime.complete', presigned: true, isPart: presignedPart('/storage/'), isCreate: (e) => e.method === 'POST' && e.path.endsWith('/s3/multipart/create') },
  { id: 'archetype', store: 'archetype', partRoute: 'storage.put', completeRoute: 'archetype.complete', presigned: true, isPart: presignedPart('/storage/'), isCreate: (e) => e.method === 'POST' && e.path.endsWith('/files/uploads/initiate') },
  { id: 'gjirafa', store: 'gjirafa', partRoute: 'storage.put', completeRoute: 'gjirafa.complete', presigned: true, isPart: presignedPart('/storage/'), isCreate: (e) => e.method === 'POST' && e.path.endsWith('/uploads/multipart') },
]

/** The part a request carried, the same on every attempt: its path and part number, or its tus offset. */
export const partKey = (entry: LoggedRequest) => `${entry.path}#${partNumber(entry) ?? ''}@${entry.offset ?? ''}`

export const partRequests = (log: LoggedRequest[], provider: FaultProvider) => log.filter((e) => provider.isPart(e))

/** How many requests each part took: every part once, retries above that. */
export function attemptsPerPart(parts: LoggedRequest[]): Map<string, number> {
  const counts = new Map<string, number>()
  for (const part of parts) counts.set(partKey(part), (counts.get(partKey(part)) ?? 0) + 1)
  return counts
}

/** A generated file, the same bytes in the page and here. */
export interface TestFile {
  name: string
  size: number
  seed: number
  type: string
}

export function testFile(scenario: string, provider: string, size: number, seed: number): TestFile & { sha256: string } {
  const file = { name: `${scenario}-${provider}-${Date.now()}.bin`, size, seed, type: 'application/octet-stream' }
  return { ...file, sha256: sha256Hex(fillPseudoRandom(new Uint8Array(size), seed)) }
}

/** Small parts (5 MiB, the least most APIs take) so several are in flight; Cognite's must be above 5 MiB. */
export const demoUrl = (provider: string, concurrency = 3) => `/?provider=${provider}&partSize=${5 * MiB + 1024}&concurrency=${concurrency}`

export async function openDemo(page: Page, provider: string, concurrency?: number) {
  await page.goto(demoUrl(provider, concurrency))
  await expect(page.locator('[data-uplink-dropzone]')).toBeVisible()
}

export const dropFile = (page: Page, file: TestFile) => dropGeneratedFile(page, '[data-uplink-dropzone]', file)

export const fileRow = (page: Page, name: string) => page.locator('[data-uplink-file]', { hasText: name })

/** The row reaches "done" and the server's copy (SHA-256 computed by the emulator from the stored bytes) is the file. */
export async function expectStoredIdentical(page: Page, file: TestFile & { sha256: string }, timeout = 60_000) {
  await expect(fileRow(page, file.name)).toHaveAttribute('data-status', 'done', { timeout })
  const stored = page.getByTestId('stored-object').filter({ hasText: file.name })
  await stored.locator('summary').click()
  await expect(stored.getByTestId('stored-sha256')).toHaveText(file.sha256, { timeout: 15_000 })
  await expect(stored.getByTestId('stored-size')).toHaveText(String(file.size))
}

/**
 * Open the demo on `provider` (2 parts in flight), pace its part uploads at 4 MiB/s, drop `file`
 * and wait until one part is stored: the moment a fault spec acts (reload, go offline, …).
 */
export async function startPacedUpload(page: Page, provider: FaultProvider, file: TestFile, moment: string) {
  await openDemo(page, provider.id, 2)
  await emulator.setFaults([{ route: provider.partRoute, bytesPerSecond: 4 * MiB }])
  await emulator.clearLog()
  await dropFile(page, file)
  await waitForLog((log) => storedParts(partRequests(log, provider)).length >= 1, `a part is stored before ${moment}`)
}

/** Wait until the request log satisfies `check` (polling the emulator, never a fixed sleep). */
export async function waitForLog(check: (log: LoggedRequest[]) => boolean, message: string, timeout = 30_000): Promise<LoggedRequest[]> {
  let last: LoggedRequest[] = []
  await expect
    .poll(
      async () => {
        last = await emulator.log()
        return check(last)
      },
      { message, timeout, intervals: [50, 100, 200] },
    )
    .toBe(true)
  return last
}

/** Requests the page got no good answer to: refused, or cut (reset, answer cut short). */
export const failedRequest = (e: LoggedRequest) => e.status >= 300 || e.aborted === true

/** Parts the server acknowledged (2xx, whole answer sent). */
export const storedParts = (parts: LoggedRequest[]) => parts.filter((e) => e.status >= 200 && e.status < 300 && !e.aborted)

/** After a failed test: attach what the emulator saw, the first thing to read when one fails. */
export async function attachLogOnFailure(testInfo: import('@playwright/test').TestInfo) {
  if (testInfo.status === testInfo.expectedStatus) return
  const log = await emulator.log().catch(() => [])
  const t0 = log[0]?.startedAt ?? 0
  const lines = log.map((e) => `${e.startedAt - t0}..${e.at - t0} ${e.method} ${e.path}${e.query ? `?${e.query.replace(/X-Amz-(Credential|Signature|SignedHeaders|Algorithm)=[^&]*&?/g, '')}` : ''} ${e.status}${e.aborted ? ' aborted' : ''}${e.bytes === undefined ? '' : ` ${e.bytes}B`}${e.offset === undefined ? '' : ` @${e.offset}`}`)
  await testInfo.attach('emulator-log.txt', { body: lines.join('\n'), contentType: 'text/plain' })
  console.log(lines.slice(-80).join('\n'))
}

/**
 * Parts sent more than once, and whether each repeat is allowed: a part may be sent again only
 * when no earlier attempt was acknowledged to the browser (refused, or cut: in flight when the
 * page went away or the network dropped). Returns the repeats that break that rule.
 */
export function resendsOfAcknowledged(parts: LoggedRequest[], ackedBefore = Infinity): LoggedRequest[] {
  const acknowledged = new Map<string, number>()
  const bad: LoggedRequest[] = []
  for (const part of [...parts].sort((a, b) => a.startedAt - b.startedAt)) {
    const key = partKey(part)
    const ackAt = acknowledged.get(key)
    if (ackAt !== undefined && part.startedAt >= ackAt) bad.push(part)
    if (part.status >= 200 && part.status < 300 && !part.aborted && part.at < ackedBefore) acknowledged.set(key, Math.min(ackAt ?? Infinity, part.at))
  }
  return bad
}

/**
 * The upload sessions the part requests went to: each API's part URL names its session (its
 * path, or the uploadId in its query). Archetype resumes through its initiate call, so counting
 * creations would not tell a resumed session from a new one; this does.
 */
/**
 * The upload sessions part requests went to: the storage path (less a trailing part index, as in
 * Cognite's /cognite/storage/<upload>/<index>) and the uploadId query where there is one.
 */
export const partSessions = (parts: LoggedRequest[]) => new Set(parts.map((e) => `${e.path.replace(/\/\d+$/, '')}#${new URLSearchParams(e.query ?? '').get('uploadId') ?? ''}`))
