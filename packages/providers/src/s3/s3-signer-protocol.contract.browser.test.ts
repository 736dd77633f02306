import { MiB } from '@uplink/core'
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
})
