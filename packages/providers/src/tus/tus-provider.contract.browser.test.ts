import { inject } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { describeProviderContract } from '../contract/provider-contract'
import { createTusProvider } from './tus-provider'

const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024

describeProviderContract({
  name: 'tus 1.0 (@tus/server)',
  emulator,
  provider: (overrides) =>
    createTusProvider({ endpoint: `${emulatorUrl}/tus/files`, getToken: () => token, ...(overrides?.limits ? { limits: overrides.limits } : {}) }),
  // Inspectable by the upload id, the last segment of the upload URL.
  stored: (result) => emulator.inspect('tus', String(result.key)),
  routes: { create: 'tus.create', part: 'tus.patch', complete: 'tus.head' },
  isPartRequest: (e) => e.method === 'PATCH' && e.path.startsWith('/tus/files/'),
  isCreateRequest: (e) => e.method === 'POST' && e.path === '/tus/files',
  // creation-with-upload: the creating POST carries the whole file.
  requestsPerSmallFile: 1,
  // No completion call: the last PATCH (the third of the suite's three parts) finishes the upload.
  completion: { lost: { route: 'tus.patch', dropResponse: true, skip: 2, times: 1 } },
  isAbortRequest: (e) => e.method === 'DELETE' && e.path.startsWith('/tus/files/'),
  partSize: 5 * MiB,
  emptyFile: 'uploads',
  // @tus/server has no checksum extension, so nothing verifies a PATCH's bytes; the adapter checks
  // the offset each PATCH answers, so a PATCH the server got short is noticed and resumed.
  integrity: 'size',
  // No presigned URLs, but uploads expire (Upload-Expires): a PATCH after that is 410 and the
  // adapter starts a new upload. @tus/server 2.4.5 reads the lifetime at every request (twice
  // in the creating POST, twice in a PATCH's expiry check), so `times: 4` shortens it for the
  // first upload and its first PATCH only, and the new upload gets the normal lifetime.
  expiringUrls: true,
  expiry: {
    faults: [
      { route: 'tus.patch', urlTtlSeconds: 1, times: 4 },
      { route: 'tus.patch', latencyMs: 2100, times: 1 },
    ],
    statuses: [410],
  },
  abort: true,
  // The upload URL is the only handle on a tus upload.
  persists: { fields: ['url', 'length'], urls: true },
})
