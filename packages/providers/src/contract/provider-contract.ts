import {
  type ProviderLimits,
  type Uploader,
  type UploaderOptions,
  type UploadFileState,
  type UploadProvider,
  type UploadResult,
  createMemoryResumeStore,
  createUploader,
  selectFiles,
} from '@uplink/core'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
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
  isAbortRequest?(entry: LoggedRequest): boolean
  /** Part size the suite asks for (inside the API's limits). */
  partSize: number
  emptyFile: 'uploads' | 'refused'
  /** The API verifies part bytes, so a corrupted transfer is caught and resent. */
  detectsCorruption: boolean
  /** Presigned URLs that can expire (refreshed by the engine). */
  expiringUrls: boolean
  /** The API has an abort call. */
  abort: boolean
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
      const { ids, rejected } = uploader.addFiles([new File([bytes], name, { type: 'application/octet-stream', lastModified: 1_700_000_000_000 })])
      expect(rejected).toEqual([])
      await uploader.whenIdle()
      return selectFiles(uploader.store.getState()).find((f) => f.id === ids[0])!
    }
    const expectStored = async (file: UploadFileState, bytes: Uint8Array<ArrayBuffer>) => {
      expect(file.error).toBeUndefined()
      expect(file.status).toBe('done')
      const stored = await target.stored(file.result!)
      expect(stored).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
    }
    const partRequests = async () => (await target.emulator.log()).filter((e) => target.isPartRequest(e))
    const faults = (rules: FaultRule[]) => target.emulator.setFaults(rules)

    beforeEach(async () => {
      await target.emulator.clearFaults()
      await target.emulator.clearLog()
    })
    afterEach(async () => {
      for (const uploader of uploaders.splice(0)) uploader.dispose()
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

    it('grows the part size when the part count would exceed the limit', async () => {
      const bytes = randomBytes(23 * MiB)
      const provider = target.provider({ limits: { maxParts: 3 } })
      const file = await upload(make({ provider, singleRequestMaxSize: 0 }), bytes, 'grown.bin')
      await expectStored(file, bytes)
      expect(file.partsTotal).toBeLessThanOrEqual(3)
      expect(file.partsTotal).toBeGreaterThan(1)
    })

    it('resumes after an interruption, sending only the missing parts', async () => {
      const bytes = randomBytes(4 * target.partSize + 1234)
      const persistence = createMemoryResumeStore()
      // The third part is refused for good: the first upload stops with two parts on the server.
      await faults([{ route: target.routes.part, status: 400, skip: 2, times: 1, body: 'refused by test' }])
      const first = await upload(make({ persistence, concurrency: 1 }), bytes, 'resume.bin')
      expect(first.status).toBe('error')
      const sentBefore = (await partRequests()).filter((e) => e.status < 300).length
      expect(sentBefore).toBe(2)

      await target.emulator.clearLog()
      const second = await upload(make({ persistence, concurrency: 1 }), bytes, 'resume.bin')
      await expectStored(second, bytes)
      expect((await partRequests()).filter((e) => e.status < 300)).toHaveLength(second.partsTotal - 2)
    })

    it('cancels: in-flight parts stop and the session is aborted', async () => {
      if (!target.abort) return
      await faults([{ route: target.routes.part, latencyMs: 800 }])
      const uploader = make()
      const { ids } = uploader.addFiles([new File([randomBytes(3 * target.partSize)], 'cancel.bin')])
      for (let i = 0; i < 100 && !(await target.emulator.log()).some((e) => e.method !== 'GET' && /multipart|upload/i.test(e.path)); i++) {
        await new Promise((r) => setTimeout(r, 50))
      }
      await new Promise((r) => setTimeout(r, 300))
      uploader.cancel(ids[0])
      await uploader.whenIdle()
      expect(selectFiles(uploader.store.getState())[0]!.status).toBe('cancelled')
      for (let i = 0; i < 50 && !(await target.emulator.log()).some((e) => target.isAbortRequest!(e)); i++) {
        await new Promise((r) => setTimeout(r, 100))
      }
      const abort = (await target.emulator.log()).find((e) => target.isAbortRequest!(e))
      expect(abort?.status).toBeLessThan(300)
    })

    it('fetches a fresh URL when one has expired', async () => {
      if (!target.expiringUrls) return
      await faults([
        { route: target.routes.sign ?? target.routes.create, urlTtlSeconds: 1, times: 1 },
        { route: target.routes.part, latencyMs: 2100, times: 1 },
      ])
      const bytes = randomBytes(2 * target.partSize)
      const file = await upload(make({ concurrency: 1, singleRequestMaxSize: 0 }), bytes, 'expired.bin')
      await expectStored(file, bytes)
      const parts = await partRequests()
      expect(parts.some((e) => e.status === 403 || e.status === 400)).toBe(true)
    })

    it('retries 5xx answers and still completes', async () => {
      await faults([{ route: target.routes.part, status: 503, times: 2 }])
      const bytes = randomBytes(2 * target.partSize + 3)
      const file = await upload(make({ singleRequestMaxSize: 0 }), bytes, 'retried.bin')
      await expectStored(file, bytes)
      expect((await partRequests()).filter((e) => e.status === 503)).toHaveLength(2)
    })

    it('detects a corrupted part and sends it again', async () => {
      if (!target.detectsCorruption) return
      await faults([{ route: target.routes.part, corruptBody: true, times: 1 }])
      const bytes = randomBytes(2 * target.partSize + 5)
      const file = await upload(make({ singleRequestMaxSize: 0 }), bytes, 'corrupted.bin')
      await expectStored(file, bytes)
      expect((await partRequests()).filter((e) => e.status === 400)).toHaveLength(1)
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
