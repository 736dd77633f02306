import { describe, expect, it } from 'vitest'
import { selectFile } from './store/selectors'
import { plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import type { IssuedUrl, PartResponse, UploadProvider, UrlRequestPart } from './types'
import { createUploader } from './uploader'

// The URL lifecycle as the engine runs it: an adapter only says how to get URLs; the engine
// fetches them in batches, and when an answer says one expired it takes every URL issued with
// it (or before) as stale and asks for them again in one call.

const file = (name: string, size: number) => new File([new Uint8Array(size).fill(3)], name, { type: 'application/octet-stream', lastModified: 1_700_000_000_000 })
const expiredAnswer = () => response(403, {}, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>')
const base = { hasher: plainHasher, persistence: false as const, retry: { baseDelayMs: 1, maxDelayMs: 2 } }

/** A presigning API: each fetch is one "signer call"; URLs carry the call's serial (v=N). */
function presigning(options: { batchSize?: number; maxBatch?: number; fetch?: boolean } = {}) {
  const provider = recordingProvider()
  const fetches: number[][] = []
  let serial = 0
  const sign = async (_session: { id: string }, parts: readonly UrlRequestPart[]): Promise<IssuedUrl[]> => {
    fetches.push(parts.map((p) => p.number))
    serial++
    return parts.map((p) => ({ number: p.number, url: `https://storage.test/${p.number}?v=${serial}`, expiresAt: Date.now() + 3_600_000 }))
  }
  const discarded: string[] = []
  const withUrls: UploadProvider<{ id: string }> = {
    ...provider,
    partUrls: { maxBatch: options.maxBatch ?? 100, batchSize: options.batchSize ?? 4, ...(options.fetch === false ? {} : { fetch: sign }) },
    async createUpload(info, plan, ctx) {
      const started = await provider.createUpload(info, plan, ctx)
      // An API without a fetch hands out every URL at creation (Cognite).
      if (options.fetch !== false) return started
      serial++
      return { ...started, urls: plan.map((p) => ({ number: p.number, url: `https://storage.test/${p.number}?v=${serial}` })) }
    },
    partRequest: (_session, _part, { url }) => ({ method: 'PUT', url: url!.url, headers: {} }),
    async discardUpload(session) {
      discarded.push(session.id)
    },
  }
  return { provider: withUrls, calls: provider.calls, fetches, discarded }
}

/** Storage that answers 200, except that every URL issued up to serial `dead` is refused as expired. */
function storage(isDead: (serial: number) => boolean) {
  const sent: Array<{ part: number; serial: number; status: number }> = []
  const scripted = scriptedTransport((url): PartResponse => {
    const { pathname, searchParams } = new URL(url)
    const part = Number(pathname.slice(1))
    const serial = Number(searchParams.get('v'))
    const answer = isDead(serial) ? expiredAnswer() : response(200, { ETag: `"e${part}"` })
    sent.push({ part, serial, status: answer.status })
    return answer
  })
  return { transport: scripted.transport, sent }
}

describe('part URLs, owned by the engine', () => {
  it('asks for URLs just in time in batches, one call per batch', async () => {
    const { provider, fetches } = presigning({ batchSize: 4 })
    const { transport, sent } = storage(() => false)
    const uploader = createUploader({ ...base, provider, transport, partSize: 10, concurrency: 2 })
    const { ids } = await uploader.addFiles([file('a.bin', 120)])
    await uploader.whenIdle()
    expect(selectFile(ids[0]!)(uploader.store.getState())!.status).toBe('done')
    expect(fetches.flat().sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])
    expect(fetches).toHaveLength(3)
    expect(sent).toHaveLength(12)
  })

  it('URLs signed over each part\'s checksum come in batches too: the next parts are hashed first, and each part is hashed once', async () => {
    const { provider, fetches } = presigning({ batchSize: 8 })
    const signed: UploadProvider<{ id: string }> = {
      ...provider,
      partChecksum: 'crc32c',
      partUrls: { ...provider.partUrls!, signsChecksum: true },
    }
    const hashed: number[] = []
    const asked: UrlRequestPart[][] = []
    const fetch = signed.partUrls!.fetch!
    signed.partUrls!.fetch = (session, parts, ctx) => {
      asked.push([...parts])
      return fetch(session, parts, ctx)
    }
    const hasher = {
      ...plainHasher,
      async hashPart(part: Blob) {
        hashed.push(part.size)
        return { checksums: { crc32c: { hex: '00000000', base64: 'AAAAAA==' } }, bytes: part.size }
      },
    }
    const { transport, sent } = storage(() => false)
    const uploader = createUploader({ ...base, hasher, provider: signed, transport, partSize: 10, concurrency: 4 })
    const { ids } = await uploader.addFiles([file('a.bin', 240)])
    await uploader.whenIdle()
    expect(selectFile(ids[0]!)(uploader.store.getState())!.status).toBe('done')
    expect(sent).toHaveLength(24)
    expect(fetches.flat().sort((a, b) => a - b)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1))
    expect(fetches.length).toBeLessThanOrEqual(24 / 8) // at most one signer call per 8 parts
    for (const parts of asked) for (const part of parts) expect(part.checksums?.crc32c?.base64).toBe('AAAAAA==')
    expect(hashed).toHaveLength(24) // hashed ahead for the batch, never read twice
  })

  it('after one expired answer, refreshes every URL issued with it in one call: one wasted request, one refresh', async () => {
    const { provider, fetches } = presigning({ batchSize: 4 })
    // All URLs of the first two calls die when part 5 is sent (URLs "expire mid-upload").
    let revoked = false
    const { transport, sent } = storage((serial) => {
      if (sent.length === 4) revoked = true
      return revoked && serial <= 2
    })
    const uploader = createUploader({ ...base, provider, transport, partSize: 10, concurrency: 1 })
    const { ids } = await uploader.addFiles([file('b.bin', 120)])
    await uploader.whenIdle()
    expect(selectFile(ids[0]!)(uploader.store.getState())!.status).toBe('done')
    expect(sent.filter((s) => s.status === 403)).toEqual([{ part: 5, serial: 2, status: 403 }])
    // Parts 1-4, then 5-8 (whose URLs die), then one call for every part still to send.
    expect(fetches).toEqual([[1, 2, 3, 4], [5, 6, 7, 8], [5, 6, 7, 8, 9, 10, 11, 12]])
    expect(sent).toHaveLength(13)
  })

  it('with lanes in parallel, lanes whose URLs died together share the one refresh', async () => {
    const { provider, fetches } = presigning({ batchSize: 6 })
    let revoked = false
    const { transport, sent } = storage((serial) => {
      if (sent.length === 3) revoked = true
      return revoked && serial <= 1
    })
    const uploader = createUploader({ ...base, provider, transport, partSize: 10, concurrency: 3 })
    const { ids } = await uploader.addFiles([file('c.bin', 120)])
    await uploader.whenIdle()
    expect(selectFile(ids[0]!)(uploader.store.getState())!.status).toBe('done')
    const wasted = sent.filter((s) => s.status === 403).length
    // Requests already on their way with a dead URL fail too (at most one per lane); after the
    // first answer no dead URL is sent again, and one call refreshes them all.
    expect(wasted).toBeGreaterThanOrEqual(1)
    expect(wasted).toBeLessThanOrEqual(3)
    const afterExpiry = fetches.slice(fetches.findIndex((f) => f.length > 6))
    expect(afterExpiry).toHaveLength(1)
    expect(sent.filter((s) => s.status === 200)).toHaveLength(12)
  })

  it('where URLs cannot be renewed, an expired one starts a new upload and the old one is discarded', async () => {
    const { provider, calls, discarded } = presigning({ fetch: false })
    const { transport, sent } = storage((serial) => serial === 1 && sent.length >= 2)
    const uploader = createUploader({ ...base, provider, transport, partSize: 10, concurrency: 1 })
    const { ids } = await uploader.addFiles([file('d.bin', 40)])
    await uploader.whenIdle()
    expect(selectFile(ids[0]!)(uploader.store.getState())!.status).toBe('done')
    expect(calls.filter((c) => c.startsWith('create'))).toHaveLength(2)
    expect(discarded).toEqual(['session-d.bin-1'])
    expect(sent.filter((s) => s.status === 403)).toHaveLength(1)
  })
})

describe('settling after the completion', () => {
  it('asks the API until it says the upload is finished, then reports what it said', async () => {
    const provider = recordingProvider()
    let checks = 0
    const settling: UploadProvider<{ id: string }> = {
      ...provider,
      settle: {
        withinMs: 5000,
        async check(_session, result) {
          checks++
          return checks >= 3 ? { ...result, uploaded: true } : undefined
        },
      },
    }
    const { transport } = scriptedTransport((url) => response(200, { ETag: `"${url}"` }))
    const uploader = createUploader({ ...base, provider: settling, transport, partSize: 10 })
    const { ids } = await uploader.addFiles([file('e.bin', 20)])
    await uploader.whenIdle()
    const state = selectFile(ids[0]!)(uploader.store.getState())!
    expect(state.status).toBe('done')
    expect(state.result).toMatchObject({ uploaded: true })
    expect(checks).toBe(3)
  })

  it('stops asking when its time is up, and the completion result stands', async () => {
    const provider = recordingProvider()
    let checks = 0
    const settling: UploadProvider<{ id: string }> = {
      ...provider,
      settle: {
        withinMs: 300,
        async check() {
          checks++
          return undefined
        },
      },
    }
    const { transport } = scriptedTransport((url) => response(200, { ETag: `"${url}"` }))
    const uploader = createUploader({ ...base, provider: settling, transport, partSize: 10 })
    const { ids } = await uploader.addFiles([file('f.bin', 20)])
    await uploader.whenIdle()
    const state = selectFile(ids[0]!)(uploader.store.getState())!
    expect(state.status).toBe('done')
    expect(state.result).not.toHaveProperty('uploaded')
    expect(checks).toBeGreaterThanOrEqual(2)
    expect(checks).toBeLessThanOrEqual(3)
  })
})
