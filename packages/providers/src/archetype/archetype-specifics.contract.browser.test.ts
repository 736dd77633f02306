import { type UploadFileState, createUploader, selectFiles } from '@uplink/core'
import { describe, expect, inject, it } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { randomBytes, sha256Hex } from '../contract/provider-contract'
import { uploadOnce, useCleanEmulator } from '../contract/upload-once'
import { createArchetypeProvider } from './archetype-provider'

const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024

const upload = (file: File, checkpoint = true): Promise<UploadFileState> =>
  uploadOnce({ provider: createArchetypeProvider({ baseUrl: `${emulatorUrl}/archetype/v0.5`, getToken: () => token, checkpoint }) }, file)

const isComplete = (path: string) => /^\/archetype\/v0\.5\/files\/uploads\/[^/]+\/complete$/.test(path)

describe('Archetype adapter: what is particular to Archetype', () => {
  useCleanEmulator(emulator)

  it('checkpoints each part, so complete lists none of them', async () => {
    const bytes = randomBytes(17 * MiB)
    const file = await upload(new File([bytes], 'checkpointed.csv', { type: 'text/csv' }))
    expect(file.error).toBeUndefined()
    expect(file.partsTotal).toBe(3)
    const log = await emulator.log()
    expect(log.filter((e) => e.path.endsWith('/parts/checkpoint') && e.status === 200)).toHaveLength(3)
    expect(log.filter((e) => isComplete(e.path))).toEqual([expect.objectContaining({ status: 200, parts: 0 })])
    expect(file.result).toMatchObject({ fileName: 'checkpointed.csv', fileStatus: 'Registered', fileUid: expect.stringMatching(/^fil_/) })
    expect(await emulator.inspect('archetype', 'checkpointed.csv')).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
  })

  it('without checkpoints, complete lists every part token', async () => {
    const bytes = randomBytes(9 * MiB)
    const file = await upload(new File([bytes], 'unchecked.csv', { type: 'text/csv' }), false)
    expect(file.error).toBeUndefined()
    const log = await emulator.log()
    expect(log.some((e) => e.path.endsWith('/parts/checkpoint'))).toBe(false)
    expect(log.filter((e) => isComplete(e.path))).toEqual([expect.objectContaining({ status: 200, parts: 2 })])
  })

  it('fails with etag-not-exposed when the bucket hides the ETag from the page', async () => {
    await emulator.setFaults([{ route: 'storage.no-expose-etag' }])
    const file = await upload(new File([randomBytes(2048)], 'hidden-etag.csv', { type: 'text/csv' }))
    expect(file.status).toBe('error')
    expect(file.error?.code).toBe('etag-not-exposed')
    expect((await emulator.log()).some((e) => isComplete(e.path))).toBe(false)
  })

  it('a part the storage took but whose checkpoint never went through is not sent again on resume', async () => {
    // Every checkpoint is refused (what a page closed between the storage's 201 and the checkpoint
    // call leaves), and the second part is refused for good: the upload stops with part 1 stored,
    // its part token on record, and nothing checkpointed.
    await emulator.setFaults([
      { route: 'archetype.checkpoint', status: 503 },
      { route: 'storage.put', status: 400, skip: 1 },
    ])
    const persistence = { scope: 'archetype-resume', storage: 'memory' as const, databaseName: `archetype-${Date.now()}` }
    const make = () =>
      createUploader({
        provider: createArchetypeProvider({ baseUrl: `${emulatorUrl}/archetype/v0.5`, getToken: () => token }),
        partSize: 6 * MiB,
        concurrency: 1,
        retry: { attempts: 1 },
        persistence,
      })
    const bytes = randomBytes(15 * MiB)
    const input = () => new File([bytes], 'resumed-unchecked.csv', { type: 'text/csv', lastModified: 1_700_000_000_000 })
    const first = make()
    await first.addFiles([input()])
    await first.whenIdle()
    expect(selectFiles(first.store.getState())[0]!.status).toBe('error')
    first.dispose()
    await emulator.setFaults([])
    await emulator.clearLog()

    const second = make()
    await second.addFiles([input()])
    await second.whenIdle()
    const file = selectFiles(second.store.getState())[0]!
    second.dispose()
    expect(file.error).toBeUndefined()
    expect(file.status).toBe('done')
    const log = await emulator.log()
    // Archetype plans 8 MiB parts: part 2 only is sent; part 1 went to complete with its token.
    expect(log.filter((e) => e.method === 'PUT' && e.path.startsWith('/storage/archetype/') && e.status < 300).map((e) => new URLSearchParams(e.query ?? '').get('partNumber'))).toEqual(['2'])
    expect(log.filter((e) => isComplete(e.path))).toEqual([expect.objectContaining({ status: 200, parts: 1 })])
    expect(await emulator.inspect('archetype', 'resumed-unchecked.csv')).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
  })
})
