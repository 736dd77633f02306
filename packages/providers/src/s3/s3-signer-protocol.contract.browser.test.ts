import { MiB, createUploader, selectFiles } from '@uplink/core'
import { describe, expect, inject, it } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { randomBytes, sha256Hex } from '../contract/provider-contract'
import { uploadOnce, useCleanEmulator } from '../contract/upload-once'
import { createS3Provider } from './s3-provider'

// The adapter's side of createS3Signer's protocol, against the emulator's signer: the signer fixes
// the part plan (and signs exactly those lengths), and acts only for its own user.
const signerUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(signerUrl)

describe('S3 adapter and the signer (emulator)', () => {
  useCleanEmulator(emulator)

  it("follows the signer's plan when its own differs: the signed lengths are the signer's", async () => {
    // The client would send 1 MiB parts; the signer plans S3's 5 MiB minimum and signs those lengths.
    const provider = createS3Provider({ signerUrl, getToken: () => token, limits: { minPartSize: MiB } })
    const bytes = randomBytes(11 * MiB + 5)
    const file = await uploadOnce({ provider, partSize: MiB, singleRequestMaxSize: 0 }, new File([bytes], 'planned.bin'))
    expect(file.error).toBeUndefined()
    expect(file.status).toBe('done')
    expect(file.partsTotal).toBe(3) // 5 MiB + 5 MiB + the rest, not twelve 1 MiB parts
    expect(await emulator.inspect('s3', String(file.result!.key))).toEqual({ size: bytes.length, sha256: await sha256Hex(bytes) })
    const parts = (await emulator.log()).filter((e) => e.method === 'PUT' && e.path.startsWith('/s3-storage/'))
    expect(parts.map((e) => e.status)).toEqual([200, 200, 200])
  })

  it('is refused without the user token (401 unauthorized), and sends nothing to the storage', async () => {
    const provider = createS3Provider({ signerUrl })
    const file = await uploadOnce({ provider, singleRequestMaxSize: 0 }, new File([randomBytes(1000)], 'anonymous.bin'))
    expect(file.status).toBe('error')
    expect(file.error?.code).toBe('unauthorized')
    expect((await emulator.log()).filter((e) => e.path.startsWith('/s3-storage/'))).toEqual([])
  })

  it('signs many small files in one call, and with a signer that has no POST /s3/objects, one call per file', async () => {
    const files = Array.from({ length: 6 }, (_, i) => randomBytes(1000 + i))
    const signerCalls = async () => (await emulator.log()).filter((e) => e.method === 'POST' && /^\/s3\/objects?$/.test(e.path) && e.status === 200).map((e) => e.path)
    const run = async (names: string) => {
      const provider = createS3Provider({ signerUrl, getToken: () => token, checksum: 'none' })
      const uploader = createUploader({ provider, persistence: false, concurrency: 2 })
      await uploader.addFiles(files.map((bytes, i) => new File([bytes], `${names}-${i}.bin`)))
      await uploader.whenIdle()
      const states = selectFiles(uploader.store.getState())
      uploader.dispose()
      for (const [i, state] of states.entries()) {
        expect(state.status).toBe('done')
        expect(await emulator.inspect('s3', String(state.result!.key))).toEqual({ size: files[i]!.length, sha256: await sha256Hex(files[i]!) })
      }
    }
    await run('together')
    expect(await signerCalls()).toEqual(['/s3/objects'])
    await emulator.clearLog()
    // A signer of s3.md §1 alone: the route is not there.
    await emulator.setFaults([{ route: 's3.objects', status: 404, body: '{"error":{"code":"not-found","message":"Not found."}}' }])
    await run('alone')
    expect(await signerCalls()).toEqual(Array(6).fill('/s3/object'))
  })
})
