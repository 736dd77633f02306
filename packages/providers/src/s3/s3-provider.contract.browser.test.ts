import { inject } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { describeProviderContract } from '../contract/provider-contract'
import { createS3Provider } from './s3-provider'

const emulatorUrl = inject('emulatorUrl')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024

for (const checksum of ['md5', 'crc32c', 'sha256'] as const) {
  describeProviderContract({
    name: `S3 with ${checksum} part checksums (s3rver behind the emulator front)`,
    emulator,
    provider: (overrides) =>
      createS3Provider({ signerUrl: emulatorUrl, checksum, ...(overrides?.limits ? { limits: overrides.limits } : {}) }),
    stored: (result) => emulator.inspect('s3', String(result.key)),
    routes: { create: 's3.create', sign: 's3.sign', part: 's3.put', complete: 's3.complete' },
    isPartRequest: (e) => e.method === 'PUT' && e.path.startsWith('/s3-storage/'),
    isAbortRequest: (e) => e.method === 'DELETE' && e.path.startsWith('/s3/multipart/'),
    partSize: 5 * MiB,
    emptyFile: 'uploads',
    detectsCorruption: true,
    expiringUrls: true,
    abort: true,
  })
}
