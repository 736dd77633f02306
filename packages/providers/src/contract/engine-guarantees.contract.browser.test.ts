import { type PersistenceOptions, type Uploader, type UploaderOptions, createUploader, selectFiles } from '@uplink/core'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { createCogniteProvider } from '../cognite/cognite-provider'
import { createS3Provider } from '../s3/s3-provider'
import { emulatorClient } from './emulator-client'
import { randomBytes, sha256Hex } from './provider-contract'
import { fastRetry, useCleanEmulator } from './upload-once'

// The engine's promises that need a real server to show: real adapters, the real emulator, real
// IndexedDB and a real file on disk (the origin-private file system), in Chromium.
const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024
const cognite = () => createCogniteProvider({ baseUrl: `${emulatorUrl}/cognite/api/v1/projects/guarantees`, getToken: () => token, waitForUploadedMs: 0 })
const s3 = () => createS3Provider({ signerUrl: emulatorUrl, getToken: () => token })
const isCognitePart = (e: { method: string; path: string }) => e.method === 'PUT' && e.path.startsWith('/cognite/storage/')
const isS3Part = (e: { method: string; path: string }) => e.method === 'PUT' && e.path.startsWith('/s3-storage/')

const uploaders: Uploader[] = []
const make = (options: UploaderOptions) => {
  const uploader = createUploader({ retry: fastRetry, ...options })
  uploaders.push(uploader)
  return uploader
}
const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const uploader of uploaders.splice(0)) uploader.dispose()
  for (const cleanup of cleanups.splice(0)) await cleanup()
})
const only = (uploader: Uploader) => selectFiles(uploader.store.getState())[0]!

/** Every IndexedDB put while `run` runs: which store, and how many bytes of JSON it wrote. */
function watchPuts() {
  const original = IDBObjectStore.prototype.put
  const puts: Array<{ store: string; bytes: number; json: string }> = []
  IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const json = JSON.stringify(value) ?? ''
    puts.push({ store: this.name, bytes: json.length, json })
    return original.call(this, value, key)
  }
  cleanups.push(() => void (IDBObjectStore.prototype.put = original))
  return puts
}

describe('engine guarantees against the emulator', () => {
  useCleanEmulator(emulator)

  it('records each part as it is stored: a reload re-sends only parts in flight (Cognite cannot list parts)', async () => {
    const persistence: PersistenceOptions = { scope: 'user-a', databaseName: `guarantees-parts-${Date.now()}` }
    const bytes = randomBytes(6 * (5 * MiB + 1) - 1000) // six parts of 5 MiB + 1 byte (Cognite's minimum is exclusive)
    const file = new File([bytes], 'reload.bin', { type: 'application/octet-stream', lastModified: 1_700_000_000_000 })
    const options = { provider: cognite(), partSize: 5 * MiB, concurrency: 2, persistence }
    const puts = watchPuts()
    // Slow parts, so the "reload" lands while parts are on their way.
    await emulator.setFaults([{ route: 'cognite.part', latencyMs: 400 }])

    const before = make(options)
    let recorded = 0
    before.on('part-done', () => {
      // part-done comes after the part's record is durable. The third one: reload now, with the
      // other lane's part in flight.
      if (++recorded === 3) before.dispose()
    })
    await before.addFiles([file])
    await expect.poll(() => before.disposed, { timeout: 30_000 }).toBe(true)
    // Let the request that was in flight reach the server (it may be stored, unrecorded).
    await new Promise((r) => setTimeout(r, 1500))
    const storedBefore = (await emulator.log()).filter((e) => isCognitePart(e) && e.status < 300).length
    // One small record per part (each written once) and one for the session: never a rewrite of the list.
    const partPuts = puts.filter((p) => p.store === 'parts')
    const recordedParts = new Set(partPuts.map((p) => (JSON.parse(p.json) as { number: number }).number))
    expect(recordedParts.size).toBe(partPuts.length)
    expect(recordedParts.size).toBeGreaterThanOrEqual(3)
    expect(storedBefore - recordedParts.size).toBeLessThanOrEqual(1) // at most the one part in flight went unrecorded
    expect(puts.filter((p) => p.store === 'sessions')).toHaveLength(1)
    expect(Math.max(...partPuts.map((p) => p.bytes))).toBeLessThan(200)
    expect(puts.map((p) => p.json).join('\n')).not.toContain(token) // no bearer token is stored

    await emulator.clearFaults()
    await emulator.clearLog()
    const after = make(options)
    await after.addFiles([file])
    await after.whenIdle()
    expect(only(after)).toMatchObject({ status: 'done', partsTotal: 6 })
    expect(await emulator.inspect('cognite', String(only(after).result!.key))).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
    // Only the parts without a record were sent again.
    expect((await emulator.log()).filter((e) => isCognitePart(e) && e.status < 300)).toHaveLength(6 - recordedParts.size)
  })

  it('a server that holds an API call open ends in a timeout and a retry, not a file waiting forever', async () => {
    // The first create is held for a minute; the engine gives up on it after 1 s and asks again.
    await emulator.setFaults([{ route: 's3.create', latencyMs: 60_000, times: 1 }])
    const uploader = make({ provider: s3(), apiTimeoutMs: 1000, persistence: false, singleRequestMaxSize: 0 })
    const statuses: string[] = []
    uploader.on('file-status', (e) => statuses.push(e.status))
    const bytes = randomBytes(2 * MiB)
    await uploader.addFiles([new File([bytes], 'held.bin')])
    await uploader.whenIdle()
    expect(only(uploader)).toMatchObject({ status: 'done', error: undefined })
    expect(statuses.slice(0, 3)).toEqual(['preparing', 'retrying', 'preparing'])
    expect(await emulator.inspect('s3', String(only(uploader).result!.key))).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })

    // A server that never answers: after the retries, a typed, retryable timeout error.
    await emulator.setFaults([{ route: 's3.create', latencyMs: 60_000 }])
    const stuck = make({ provider: s3(), apiTimeoutMs: 500, retry: { ...fastRetry, attempts: 2 }, persistence: false, singleRequestMaxSize: 0 })
    await stuck.addFiles([new File([bytes], 'never.bin')])
    await stuck.whenIdle()
    expect(only(stuck)).toMatchObject({ status: 'error', error: { code: 'timeout', retryable: true } })
  })

  it('a file that changes on disk mid-upload fails with file-changed: its session is aborted and complete is never called', async () => {
    const root = await navigator.storage.getDirectory()
    const name = `changing-${Date.now()}.bin`
    const handle = await root.getFileHandle(name, { create: true })
    cleanups.push(() => root.removeEntry(name))
    const write = async (data: Uint8Array<ArrayBuffer>) => {
      const writable = await handle.createWritable()
      await writable.write(data)
      await writable.close()
    }
    await write(randomBytes(3 * 5 * MiB))
    const file = await handle.getFile()
    // Slow parts: the new save (15 MiB, slow on a busy machine) lands while the next part waits.
    await emulator.setFaults([{ route: 's3.put', latencyMs: 1500 }])
    const uploader = make({ provider: s3(), partSize: 5 * MiB, concurrency: 1, persistence: false })
    let changed = false
    uploader.on('part-done', () => {
      if (changed) return
      changed = true
      void write(randomBytes(3 * 5 * MiB)) // someone saves the file again while it uploads
    })
    await uploader.addFiles([file])
    await uploader.whenIdle()
    expect(only(uploader)).toMatchObject({ status: 'error', error: { code: 'file-changed', retryable: false } })
    await expect.poll(async () => (await emulator.log()).some((e) => e.method === 'DELETE' && e.path.startsWith('/s3/multipart/') && e.status < 300)).toBe(true)
    const log = await emulator.log()
    expect(log.some((e) => e.method !== 'GET' && /complete/i.test(e.path))).toBe(false)
    expect(log.filter((e) => isS3Part(e) && e.status < 300).length).toBeLessThan(3)
  })

  // The README's bad-input rows that need a real server. Each bad file is followed by a good one:
  // the bad one gets its typed error, the good one is stored.
  const badAnswers: Array<{ input: string; faults: Parameters<typeof emulator.setFaults>[0]; code: string }> = [
    { input: 'HTML where JSON was expected (200)', faults: [{ route: 's3.create', status: 200, body: '<html><body>Sign in</body></html>', contentType: 'text/html', times: 1 }], code: 'bad-response' },
    { input: 'truncated JSON', faults: [{ route: 's3.create', status: 200, body: '{"uploadId":"abc', times: 1 }], code: 'bad-response' },
    {
      input: 'an HTML error page (503), every time',
      faults: [{ route: 's3.create', status: 503, body: '<!DOCTYPE html><h1>Backend fetch failed</h1>', contentType: 'text/html', times: 2 }],
      code: 'http',
    },
  ]
  for (const row of badAnswers) {
    it(`bad input: ${row.input} -> ${row.code}; the next file is untouched`, async () => {
      await emulator.setFaults(row.faults)
      const uploader = make({ provider: s3(), maxActiveFiles: 1, retry: { ...fastRetry, attempts: 2 }, persistence: false, singleRequestMaxSize: 0 })
      const bytes = randomBytes(MiB + 5)
      await uploader.addFiles([new File([randomBytes(MiB)], 'bad.bin'), new File([bytes], 'good.bin')])
      await uploader.whenIdle()
      const [bad, good] = selectFiles(uploader.store.getState())
      expect(bad).toMatchObject({ status: 'error', error: { code: row.code } })
      expect(good).toMatchObject({ status: 'done' })
      expect(await emulator.inspect('s3', String(good!.result!.key))).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
    })
  }

  it('bad input: a part upload that stalls is stopped after stallTimeoutMs and sent again', async () => {
    // The storage holds the first part's request without reading it: its progress stops.
    await emulator.setFaults([{ route: 's3.put', latencyMs: 60_000, times: 1 }])
    const uploader = make({ provider: s3(), stallTimeoutMs: 1500, persistence: false, singleRequestMaxSize: 0, partSize: 5 * MiB, concurrency: 1 })
    const statuses: string[] = []
    uploader.on('file-status', (e) => statuses.push(e.status))
    const bytes = randomBytes(6 * MiB)
    await uploader.addFiles([new File([bytes], 'stalled.bin')])
    await uploader.whenIdle()
    expect(only(uploader)).toMatchObject({ status: 'done' })
    expect(statuses).toContain('retrying')
    expect(await emulator.inspect('s3', String(only(uploader).result!.key))).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
  })
})
