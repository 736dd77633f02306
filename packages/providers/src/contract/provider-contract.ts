import {
  type ProviderLimits,
  type Uploader,
  type UploaderOptions,
  type UploadFileState,
  type UploadProvider,
  type UploadResult,
  createUploader,
  selectFiles,
} from '@uplink/core'
import { scopeStorage, uploadKey } from '@uplink/core/internal'
import { afterEach, beforeEach, describe, expect, inject, it } from 'vitest'
import type { EmulatorClient, FaultRule, LoggedRequest } from './emulator-client'

/**
 * One behaviour suite for every adapter, run in real Chromium against its emulator.
 * A target says how to make its adapter, which fault routes its API has, how to recognise
 * its part requests in the log, and how to find a finished object on the server.
 */
export interface ContractTarget {
  name: string
  emulator: EmulatorClient
  provider(overrides?: { limits?: Partial<ProviderLimits> }): UploadProvider
  /** Size and SHA-256 of what the server stored for this result; null when absent. */
  stored(result: UploadResult): Promise<{ size: number; sha256: string } | null>
  /** Fault routes of this API (see apps/emulator). */
  routes: { create: string; part: string; complete: string; sign?: string }
  isPartRequest(entry: LoggedRequest): boolean
  /** The request that starts a new upload on the server (create, initiate, the tus POST). */
  isCreateRequest(entry: LoggedRequest): boolean
  isAbortRequest?(entry: LoggedRequest): boolean
  /**
   * A request that, repeated, would show the file twice (Drime's /s3/entries registers a drive
   * entry each time); a completing upload must send it exactly once.
   */
  isRegistration?(entry: LoggedRequest): boolean
  /**
   * How the request that finishes the upload is lost after it took effect (default: its answer
   * is dropped once on routes.complete), and, where a completion call exists, how it is refused
   * before it takes effect (default: a 503 once on routes.complete). tus has no completion call:
   * the last PATCH finishes the upload.
   */
  completion?: { lost: FaultRule; refused?: FaultRule }
  /** Non-GET requests (API and storage) one small file costs, all 2xx: the single-request path where there is one. */
  requestsPerSmallFile: number
  /**
   * The API signs the URLs of many small files in one call (S3 without an additional checksum):
   * each small file then costs its storage request only, plus one signer call per batch, at
   * most one per 8 files (issue #14).
   */
  smallFilesSignedTogether?: boolean
  /** Part size the suite asks for (inside the API's limits). */
  partSize: number
  emptyFile: 'uploads' | 'refused'
  /**
   * What catches a part whose bytes changed on the way (the README's provider table says the same):
   * - `part-checksum`: each part is verified (by the server, or by the adapter against the digest
   *   the server answers); the damaged part is sent again;
   * - `whole-file-checksum`: only the whole file is verified, at completion; the upload starts over;
   * - `size`: only each part's length is checked: a part that arrives short is sent again, a changed
   *   byte is stored as it arrived;
   * - `none`: nothing; a damaged part is stored as it arrived.
   */
  integrity: Integrity
  /** Presigned URLs that can expire (refreshed by the engine). */
  expiringUrls: boolean
  /** The API has an abort call. */
  abort: boolean
  /**
   * What the adapter keeps for resume after a reload (its `persistSession`), as the README's
   * provider table lists it: the session's fields, and whether any of them is a URL.
   */
  persists: { fields: readonly string[]; urls: boolean }
  /**
   * How to make this API's URLs or uploads expire in a test and the statuses that then say so
   * (default: every URL issued so far expires when the second part arrives, which is refused
   * with 403 or 400).
   */
  expiry?: { faults: FaultRule[]; statuses: number[] }
  /**
   * The server splits the file (Archetype): its plan, parts of this size, is the plan, whatever
   * the client's own limits would make of the file; the engine must never re-split it.
   */
  serverPlan?: { partSize: number }
}

export type Integrity = 'part-checksum' | 'whole-file-checksum' | 'size' | 'none'

const INTEGRITY_TESTS: Record<Integrity, string> = {
  'part-checksum': 'catches a part changed on the way by its checksum, and sends that part again',
  'whole-file-checksum': 'catches a part changed on the way by the whole-file checksum at completion, and starts over',
  size: 'checks part sizes only: a part that arrived short is sent again, a changed byte is stored as it arrived',
  none: 'verifies no part: a part changed on the way is stored as it arrived',
}

const MiB = 1024 * 1024

export function randomBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, offset + 65_536))
  return bytes
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

export function describeProviderContract(target: ContractTarget): void {
  describe(`${target.name}: provider contract`, () => {
    const uploaders: Uploader[] = []
    const make = (options: Partial<UploaderOptions> = {}) => {
      const uploader = createUploader({
        provider: target.provider(),
        partSize: target.partSize,
        concurrency: 3,
        persistence: false,
        retry: { baseDelayMs: 20, maxDelayMs: 200 },
        ...options,
      })
      uploaders.push(uploader)
      return uploader
    }
    const upload = async (uploader: Uploader, bytes: Uint8Array<ArrayBuffer>, name: string): Promise<UploadFileState> => {
      const { ids, rejected } = await uploader.addFiles([new File([bytes], name, { type: 'application/octet-stream', lastModified: 1_700_000_000_000 })])
      expect(rejected).toEqual([])
      await uploader.whenIdle()
      return selectFiles(uploader.store.getState()).find((f) => f.id === ids[0])!
    }
    const expectStored = async (file: UploadFileState, bytes: Uint8Array<ArrayBuffer>) => {
      expect(file.error).toBeUndefined()
      expect(file.status).toBe('done')
      // One result shape for every adapter: the key the object is stored under, an absolute URL
      // where the API gives one, and location = that URL, else the key.
      const { key, url, location } = file.result!
      expect(typeof key === 'string' && key !== '').toBe(true)
      if (url !== undefined) expect(new URL(url).protocol).toMatch(/^https?:$/)
      expect(location).toBe(url ?? key)
      const stored = await target.stored(file.result!)
      expect(stored).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
    }
    const partRequests = async () => (await target.emulator.log()).filter((e) => target.isPartRequest(e))
    let delayedRequests = false
    const faults = (rules: FaultRule[]) => {
      if (rules.some((r) => r.latencyMs)) delayedRequests = true
      return target.emulator.setFaults(rules)
    }

    beforeEach(async () => {
      await target.emulator.clearFaults()
      await target.emulator.clearLog()
    })
    afterEach(async () => {
      for (const uploader of uploaders.splice(0)) uploader.dispose()
      // Requests a test abandoned (a cancelled part held by injected latency) still finish on the
      // server; wait until the log is quiet so they are not counted in the next test.
      let last = -1
      for (let quiet = 0, i = 0; delayedRequests && quiet < 2 && i < 40; i++) {
        const length = (await target.emulator.log()).length
        quiet = length === last ? quiet + 1 : 0
        last = length
        await new Promise((r) => setTimeout(r, 500))
      }
      delayedRequests = false
      await target.emulator.clearFaults()
    })

    it('uploads a file smaller than one part', async () => {
      const bytes = randomBytes(300 * 1024 + 7)
      await expectStored(await upload(make(), bytes, 'one-part.bin'), bytes)
    })

    it('uploads a 23 MiB file in several parts, byte-identical', async () => {
      const bytes = randomBytes(23 * MiB + 101)
      const file = await upload(make(), bytes, 'multi-part.bin')
      await expectStored(file, bytes)
      expect(file.partsTotal).toBeGreaterThan(1)
      expect((await partRequests()).filter((e) => e.status < 300)).toHaveLength(file.partsTotal)
    })

    it(`handles a 0-byte file (${target.emptyFile})`, async () => {
      const uploader = make()
      const file = await upload(uploader, new Uint8Array(0), 'empty.bin')
      if (target.emptyFile === 'uploads') {
        await expectStored(file, new Uint8Array(0))
      } else {
        expect(file.status).toBe('error')
        expect(file.error?.code).toBe('file-empty')
        expect(await target.emulator.log()).toEqual([])
      }
    })

    it(target.serverPlan ? 'honours the server part plan, whatever the client limits say' : 'grows the part size when the part count would exceed the limit', async () => {
      const bytes = randomBytes(23 * MiB)
      // A server-planned API gets a client limit its plan breaks, to show the plan is not re-split.
      const provider = target.provider({ limits: { maxParts: target.serverPlan ? 2 : 3 } })
      const file = await upload(make({ provider, singleRequestMaxSize: 0 }), bytes, 'grown.bin')
      await expectStored(file, bytes)
      expect(file.partsTotal).toBeLessThanOrEqual(3)
      expect(file.partsTotal).toBeGreaterThan(1)
      if (target.serverPlan) {
        const serverParts = Math.ceil(bytes.length / target.serverPlan.partSize)
        expect(file.partsTotal).toBe(serverParts)
        expect((await partRequests()).filter((e) => e.status < 300)).toHaveLength(serverParts)
      }
    })

    it('resumes after an interruption, sending only the missing parts; keeps what the README says, no token', async () => {
      const bytes = randomBytes(4 * target.partSize + 1234)
      const persistence = { scope: 'contract-user', storage: 'memory' as const, databaseName: `contract-${target.name}-${Date.now()}` }
      // The third part is refused for good: the first upload stops with two parts on the server.
      await faults([{ route: target.routes.part, status: 400, skip: 2, times: 1, body: 'refused by test' }])
      const first = await upload(make({ persistence, concurrency: 1 }), bytes, 'resume.bin')
      expect(first.status).toBe('error')
      const sentBefore = (await partRequests()).filter((e) => e.status < 300).length
      expect(sentBefore).toBe(2)
      // What the browser keeps: the adapter's session fields, the plan and one record per finished part.
      const key = uploadKey(target.provider().name, { name: 'resume.bin', size: bytes.length, type: 'application/octet-stream', lastModified: 1_700_000_000_000 })
      const record = await scopeStorage(persistence).getUpload(key)
      expect(record?.parts.map((r) => r.number)).toEqual([1, 2])
      expect(Object.keys(record!.session.snapshot as object).sort()).toEqual([...target.persists.fields].sort())
      const text = JSON.stringify(record)
      expect(text).not.toContain(inject('emulatorToken'))
      if (target.persists.urls) expect(text).toMatch(/https?:\/\//)
      else expect(text).not.toMatch(/https?:\/\//)

      await target.emulator.clearLog()
      const second = await upload(make({ persistence, concurrency: 1 }), bytes, 'resume.bin')
      await expectStored(second, bytes)
      expect((await partRequests()).filter((e) => e.status < 300)).toHaveLength(second.partsTotal - 2)
    })

    it(`cancels: in-flight parts stop${target.abort ? ' and the session is aborted' : ', nothing more is sent (the API has no abort)'}`, async () => {
      // Each part is held at the server for 800 ms: cancel comes once one is seen there, in flight.
      await faults([{ route: target.routes.part, latencyMs: 800 }])
      const partsArrived = async () => (await target.emulator.faultHits())[0] ?? 0
      const uploader = make(target.abort ? {} : { concurrency: 1 })
      const { ids } = await uploader.addFiles([new File([randomBytes((target.abort ? 3 : 4) * target.partSize)], 'cancel.bin')])
      await expect.poll(partsArrived, { timeout: 30_000, interval: 25 }).toBeGreaterThan(0)
      uploader.cancel(ids[0]!)
      await uploader.whenIdle()
      expect(selectFiles(uploader.store.getState())[0]!.status).toBe('cancelled')
      if (target.abort) {
        await expect.poll(async () => (await target.emulator.log()).find((e) => target.isAbortRequest!(e))?.status, { timeout: 10_000 }).toBeLessThan(300)
        return
      }
      // No abort call to check: what must hold is that cancel stops the traffic for good. The
      // part that was in flight is answered at the server (to nobody); it is the only one that came.
      await expect.poll(async () => (await partRequests()).length, { timeout: 10_000 }).toBe(await partsArrived())
      expect(await partsArrived()).toBe(1)
      expect((await target.emulator.log()).some((e) => e.method !== 'GET' && /complete/i.test(e.path))).toBe(false)
    })

    it(target.expiringUrls ? 'fetches a fresh URL when one has expired' : 'a slow part needs no fresh URL (nothing expires)', async () => {
      if (!target.expiringUrls) {
        await faults([{ route: target.routes.part, latencyMs: 2100, times: 1 }])
        const bytes = randomBytes(2 * target.partSize)
        const file = await upload(make({ concurrency: 1, singleRequestMaxSize: 0 }), bytes, 'slow.bin')
        await expectStored(file, bytes)
        const parts = await partRequests()
        expect(parts.every((e) => e.status < 300)).toBe(true)
        expect(parts).toHaveLength(file.partsTotal)
        return
      }
      const expiry = target.expiry
      // By default every URL issued so far dies when the second part arrives: that part is
      // refused as expired, and the parts after it hold URLs from the same batch.
      await faults(expiry?.faults ?? [{ route: target.routes.part, expireUrls: true, skip: 1, times: 1 }])
      const bytes = randomBytes(3 * target.partSize)
      const file = await upload(make({ concurrency: 1, singleRequestMaxSize: 0 }), bytes, 'expired.bin')
      await expectStored(file, bytes)
      const parts = await partRequests()
      if (expiry) {
        expect(parts.some((e) => expiry.statuses.includes(e.status))).toBe(true)
        return
      }
      // One refused request per expiry: every URL issued with the refused one (the third part's
      // too) is taken as stale and fetched again before it is used.
      expect(parts.filter((e) => e.status === 403 || e.status === 400)).toHaveLength(1)
      expect(parts).toHaveLength(file.partsTotal + 1)
    })

    it('retries 5xx answers and still completes', async () => {
      await faults([{ route: target.routes.part, status: 503, times: 2 }])
      const bytes = randomBytes(2 * target.partSize + 3)
      const file = await upload(make({ singleRequestMaxSize: 0 }), bytes, 'retried.bin')
      await expectStored(file, bytes)
      expect((await partRequests()).filter((e) => e.status === 503)).toHaveLength(2)
    })

    it(`${target.integrity}: ${INTEGRITY_TESTS[target.integrity]}`, async () => {
      const provider = target.provider()
      const bytes = randomBytes(2 * target.partSize + 5)
      const expected = await sha256Hex(bytes)
      // One part arrives with a byte flipped (the emulator's corruptBody fault, on the part route).
      await faults([{ route: target.routes.part, corruptBody: true, times: 1 }])
      const file = await upload(make({ provider, singleRequestMaxSize: 0 }), bytes, 'corrupted.bin')
      expect(file.error).toBeUndefined()
      expect(file.status).toBe('done')
      expect(file.partsTotal).toBeGreaterThan(1)
      const stored = await target.stored(file.result!)
      const log = await target.emulator.log()
      const parts = log.filter((e) => target.isPartRequest(e))
      const failedCompletes = log.filter((e) => e.method !== 'GET' && /complete/.test(e.path) && e.status >= 400)
      switch (target.integrity) {
        case 'part-checksum':
          expect(provider.partChecksum).toBeDefined()
          expect(stored).toEqual({ size: bytes.length, sha256: expected })
          // The damaged part was sent once more, and nothing else was.
          expect(parts).toHaveLength(file.partsTotal + 1)
          expect(failedCompletes).toEqual([])
          break
        case 'whole-file-checksum':
          expect(provider.partChecksum).toBeUndefined()
          expect(provider.wholeFileChecksum).toBeDefined()
          expect(stored).toEqual({ size: bytes.length, sha256: expected })
          // Every part went through; completion refused the file, which was sent again whole.
          expect(parts.filter((e) => e.status < 300)).toHaveLength(2 * file.partsTotal)
          expect(failedCompletes.length).toBeGreaterThan(0)
          break
        case 'size':
        case 'none':
          expect(provider.partChecksum).toBeUndefined()
          expect(provider.wholeFileChecksum).toBeUndefined()
          // Nothing noticed: done, every part sent once, and the server holds the damaged bytes.
          expect(parts).toHaveLength(file.partsTotal)
          expect(stored?.size).toBe(bytes.length)
          expect(stored?.sha256).not.toBe(expected)
          break
      }
      if (target.integrity !== 'size') return

      // A part that reaches the server short (truncateBody: the server gets only its first half)
      // is noticed from the size the server reports, and what is missing is sent again.
      await target.emulator.clearLog()
      await faults([{ route: target.routes.part, truncateBody: true, times: 1 }])
      const short = await upload(make({ provider: target.provider(), singleRequestMaxSize: 0 }), bytes, 'short.bin')
      // Stored whole, so the missing half was noticed and sent: one request more than the plan had parts.
      await expectStored(short, bytes)
      expect(await partRequests()).toHaveLength(Math.ceil(bytes.length / target.partSize) + 1)
    })

    it('reports a redirect on an API call as a typed error and never follows it', async () => {
      const elsewhere = `${target.emulator.baseUrl}/redirected-here`
      await faults([{ route: target.routes.create, status: 302, headers: { Location: elsewhere }, body: `<a href="${elsewhere}">Redirecting</a>`, contentType: 'text/html' }])
      const file = await upload(make({ singleRequestMaxSize: 0 }), randomBytes(2 * target.partSize), 'redirected.bin')
      expect(file.status).toBe('error')
      expect(file.error?.code).toBe('unexpected-redirect')
      const log = await target.emulator.log()
      expect(log.filter((e) => e.path.startsWith('/redirected-here'))).toEqual([])
      // Not a transient failure: asked once, not retried.
      expect(log.filter((e) => target.isCreateRequest(e))).toHaveLength(1)
    })

    it('sends small files, many at once, each byte-identical and each in its fewest requests', async () => {
      const files = Array.from({ length: 12 }, (_, i) => randomBytes(64 * 1024 + i * 1000))
      const uploader = make({ concurrency: 4 })
      const { ids, rejected } = await uploader.addFiles(files.map((bytes, i) => new File([bytes], `small-${i}.bin`, { type: 'application/octet-stream' })))
      expect(rejected).toEqual([])
      await uploader.whenIdle()
      const states = selectFiles(uploader.store.getState())
      for (const [i, id] of ids.entries()) await expectStored(states.find((f) => f.id === id)!, files[i]!)
      const sent = (await target.emulator.log()).filter((e) => e.method !== 'GET')
      expect(sent.filter((e) => e.status >= 300)).toEqual([])
      if (target.smallFilesSignedTogether) {
        const stored = sent.filter((e) => target.isPartRequest(e))
        expect(stored).toHaveLength(files.length)
        expect(sent.length - stored.length).toBeGreaterThanOrEqual(1)
        expect(sent.length - stored.length).toBeLessThanOrEqual(Math.ceil(files.length / 8))
      } else {
        expect(sent).toHaveLength(files.length * target.requestsPerSmallFile)
      }
    })

    describe('completing', () => {
      const lost = () => target.completion?.lost ?? { route: target.routes.complete, dropResponse: true, times: 1 }
      const refused = target.completion ? target.completion.refused : { route: target.routes.complete, status: 503, times: 1 }
      const registrations = (log: LoggedRequest[]) => log.filter((e) => target.isRegistration?.(e) && e.status < 300)

      it('a completion whose answer was lost is sent again, never the file', async () => {
        await faults([lost()])
        const bytes = randomBytes(2 * target.partSize + 77)
        const file = await upload(make({ singleRequestMaxSize: 0 }), bytes, 'lost-answer.bin')
        await expectStored(file, bytes)
        const log = await target.emulator.log()
        expect(log.filter((e) => target.isPartRequest(e) && e.status < 300)).toHaveLength(file.partsTotal)
        expect(log.filter((e) => target.isCreateRequest(e))).toHaveLength(1)
        if (target.isRegistration) expect(registrations(log)).toHaveLength(1)
      })

      it('resumes an upload that stopped while completing: completes it, sends no part, starts no new upload', async () => {
        const bytes = randomBytes(2 * target.partSize + 77)
        const persistence = { scope: 'contract-user', storage: 'memory' as const, databaseName: `completing-${target.name}-${Date.now()}` }
        // The page "closes" while the completion is in flight: the server completes, the client never hears.
        await faults([lost()])
        const first = await upload(make({ persistence, retry: { attempts: 1 }, singleRequestMaxSize: 0 }), bytes, 'completing.bin')
        expect(first.status).toBe('error')
        const before = await target.emulator.log()
        await target.emulator.clearLog()
        const second = await upload(make({ persistence, singleRequestMaxSize: 0 }), bytes, 'completing.bin')
        await expectStored(second, bytes)
        const log = await target.emulator.log()
        expect(log.filter((e) => target.isPartRequest(e))).toEqual([])
        expect(log.filter((e) => target.isCreateRequest(e))).toEqual([])
        if (target.isRegistration) expect(registrations([...before, ...log])).toHaveLength(1)
      })

      if (refused) {
        it('resumes an upload whose completion never took effect: completes it without sending a part again', async () => {
          const bytes = randomBytes(2 * target.partSize + 77)
          const persistence = { scope: 'contract-user', storage: 'memory' as const, databaseName: `completing-${target.name}-${Date.now()}` }
          await faults([refused])
          const first = await upload(make({ persistence, retry: { attempts: 1 }, singleRequestMaxSize: 0 }), bytes, 'never-completed.bin')
          expect(first.status).toBe('error')
          await target.emulator.clearLog()
          const second = await upload(make({ persistence, singleRequestMaxSize: 0 }), bytes, 'never-completed.bin')
          await expectStored(second, bytes)
          const log = await target.emulator.log()
          expect(log.filter((e) => target.isPartRequest(e))).toEqual([])
          expect(log.filter((e) => target.isCreateRequest(e))).toEqual([])
        })
      }
    })

    it('turns malformed or unexpected server JSON into a typed error', async () => {
      await faults([{ route: target.routes.create, status: 200, body: '<html>not json</html>', contentType: 'text/html', times: 1 }])
      const bad = await upload(make({ singleRequestMaxSize: 0 }), randomBytes(2 * target.partSize), 'malformed.bin')
      expect(bad.status).toBe('error')
      expect(bad.error?.code).toBe('bad-response')
      expect(bad.error?.message).toMatch(/not JSON|not understood/i)

      await faults([{ route: target.routes.create, status: 200, body: '{"unexpected":true}', times: 1 }])
      const odd = await upload(make({ singleRequestMaxSize: 0 }), randomBytes(2 * target.partSize), 'unexpected.bin')
      expect(odd.status).toBe('error')
      expect(odd.error?.code).toBe('bad-response')
    })
  })
}
