import type { FileInput, UploadFileState } from '@uplink/core'
import { describe, expect, inject, it } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { randomBytes, sha256Hex } from '../contract/provider-contract'
import { uploadOnce, useCleanEmulator } from '../contract/upload-once'
import { createDrimeProvider } from './drime-provider'

const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024
const api = '/drime/api/v1'

const upload = (input: FileInput): Promise<UploadFileState> =>
  uploadOnce({ provider: createDrimeProvider({ baseUrl: `${emulatorUrl}${api}`, getToken: () => token }), partSize: 5 * MiB }, input)

describe('Drime adapter: what is particular to Drime', () => {
  useCleanEmulator(emulator)

  it('registers the file with /s3/entries after complete, and retries only entries when that fails', async () => {
    await emulator.setFaults([{ route: 'drime.entries', status: 500, times: 1 }])
    const bytes = randomBytes(6 * MiB + 17)
    const file = await upload(new File([bytes], 'clip.mp4', { type: 'video/mp4' }))
    expect(file.error).toBeUndefined()
    expect(file.result).toMatchObject({ drivePath: 'clip.mp4', fileEntryId: expect.any(Number) })
    const log = await emulator.log()
    const completes = log.filter((e) => e.path === `${api}/s3/multipart/complete`)
    expect(completes).toEqual([expect.objectContaining({ status: 200, parts: 2 })])
    expect(log.filter((e) => e.path === `${api}/s3/entries`).map((e) => e.status)).toEqual([500, 200])
    expect(await emulator.inspect('drime', 'clip.mp4')).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
  })

  it('asks for JSON, so a stale token draws a 401 (not Laravel\'s 302 to a login page) and is refreshed once', async () => {
    const asked: boolean[] = []
    const provider = createDrimeProvider({ baseUrl: `${emulatorUrl}${api}`, getToken: ({ refresh }) => (asked.push(refresh), refresh ? token : 'expired-token') })
    const bytes = randomBytes(3000)
    const file = await uploadOnce({ provider, partSize: 5 * MiB }, new File([bytes], 'refreshed.txt'))
    expect(file.error).toBeUndefined()
    expect(asked.slice(0, 2)).toEqual([false, true])
    const creates = (await emulator.log()).filter((e) => e.path === `${api}/s3/multipart/create`)
    expect(creates.map((e) => e.status)).toEqual([401, 200])
    expect(await emulator.inspect('drime', 'refreshed.txt')).toEqual({ size: 3000, sha256: await sha256Hex(bytes) })
  })

  it('puts a file from a dropped folder at its relative path in the drive', async () => {
    const bytes = randomBytes(1000)
    const file = await upload({ file: new Blob([bytes]), name: 'notes.txt', relativePath: 'album/2024/notes.txt' })
    expect(file.error).toBeUndefined()
    expect(file.result?.drivePath).toBe('album/2024/notes.txt')
    expect(await emulator.inspect('drime', 'album/2024/notes.txt')).toEqual({ size: 1000, sha256: await sha256Hex(bytes) })
  })

  it('fails with etag-not-exposed when the bucket hides the ETag from the page', async () => {
    await emulator.setFaults([{ route: 'storage.no-expose-etag' }])
    const file = await upload(new File([randomBytes(2048)], 'hidden-etag.bin'))
    expect(file.status).toBe('error')
    expect(file.error?.code).toBe('etag-not-exposed')
    expect((await emulator.log()).some((e) => e.path === `${api}/s3/multipart/complete`)).toBe(false)
  })
})
