import type { UploadFileState } from '@uplink/core'
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
})
