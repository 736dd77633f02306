import { inject } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { describeProviderContract } from '../contract/provider-contract'
import { createS3Provider } from './s3-provider'

// The whole contract suite for the S3 adapter and the signer against Ceph radosgw. radosgw
// verifies Content-MD5 but ignores additional checksums, so only the MD5 variant runs here.
const emulatorUrl = inject('emulatorUrl')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024

describeProviderContract({
  name: 'S3 on Ceph radosgw (behind the emulator front)',
  emulator,
  provider: (overrides) => createS3Provider({ signerUrl: emulatorUrl, ...(overrides?.limits ? { limits: overrides.limits } : {}) }),
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
