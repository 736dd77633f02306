import { inject } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { describeProviderContract } from '../contract/provider-contract'
import { createCogniteProvider } from './cognite-provider'

const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024

describeProviderContract({
  name: 'Cognite (Files multipart)',
  emulator,
  provider: (overrides) =>
    createCogniteProvider({
      baseUrl: `${emulatorUrl}/cognite/api/v1/projects/contract`,
      getToken: () => token,
      ...(overrides?.limits ? { limits: overrides.limits } : {}),
    }),
  // Inspectable by the numeric file id.
  stored: (result) => emulator.inspect('cognite', String(result.key)),
  routes: { create: 'cognite.initiate', part: 'cognite.part', complete: 'cognite.complete' },
  isPartRequest: (e) => e.method === 'PUT' && e.path.startsWith('/cognite/storage/'),
  isCreateRequest: (e) => e.method === 'POST' && e.path.endsWith('/files/initmultipartupload'),
  // initmultipartupload, PUT, complete (and GETs for the uploaded flag).
  requestsPerSmallFile: 3,
  // 5 MiB is asked for; the planner makes it one byte more (non-last parts must exceed 5 MiB).
  partSize: 5 * MiB,
  emptyFile: 'uploads',
  // Storage answers nothing to compare with, and the API has no checksum.
  integrity: 'none',
  // Part URLs expire (a week) and cannot be renewed: the adapter starts a new upload.
  expiringUrls: true,
  expiry: {
    // The URL lifetime is fixed at initiate from the cognite.part rule; the storage answers 400 ExpiredToken.
    faults: [
      { route: 'cognite.part', urlTtlSeconds: 1, times: 1 },
      { route: 'cognite.part', latencyMs: 2100, times: 1 },
    ],
    statuses: [400],
  },
  abort: false,
  // Cognite cannot list parts or re-issue URLs: the signed part URLs (a week) are kept to resume.
  persists: { fields: ['id', 'uploadId', 'uploadUrls', 'expiresAt'], urls: true },
})
