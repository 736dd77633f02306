import { inject } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { describeProviderContract } from '../contract/provider-contract'
import { createDrimeProvider } from './drime-provider'

const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024

describeProviderContract({
  name: 'Drime (emulated API and fake S3 storage)',
  emulator,
  provider: (overrides) =>
    createDrimeProvider({ baseUrl: `${emulatorUrl}/drime/api/v1`, getToken: () => token, ...(overrides?.limits ? { limits: overrides.limits } : {}) }),
  // The drive shows the file (and the emulator inspects it) only after /s3/entries.
  stored: (result) => emulator.inspect('drime', String(result.drivePath)),
  routes: { create: 'drime.create', sign: 'drime.part-url', part: 'storage.put', complete: 'drime.complete' },
  isPartRequest: (e) => e.method === 'PUT' && e.path.startsWith('/storage/drime/'),
  isCreateRequest: (e) => e.method === 'POST' && e.path === '/drime/api/v1/s3/multipart/create',
  isAbortRequest: (e) => e.method === 'POST' && e.path === '/drime/api/v1/s3/multipart/abort',
  // Each /s3/entries makes a drive entry: a completing upload must send it once.
  isRegistration: (e) => e.method === 'POST' && e.path === '/drime/api/v1/s3/entries',
  // Drime has no single-request path in its multipart API: create, sign, PUT, complete, entries.
  requestsPerSmallFile: 5,
  partSize: 5 * MiB,
  emptyFile: 'uploads',
  // Drime exposes no part checksum, and rule 9 keeps Content-MD5 off storage requests.
  integrity: 'none',
  expiringUrls: true,
  abort: true,
  persists: { fields: ['key', 'uploadId'], urls: false },
})
