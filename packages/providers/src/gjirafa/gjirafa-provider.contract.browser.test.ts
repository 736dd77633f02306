import { inject } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { describeProviderContract } from '../contract/provider-contract'
import { createGjirafaProvider } from './gjirafa-provider'

const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024
const projectId = 'p1a2b3c4'

describeProviderContract({
  name: 'Gjirafa VP (emulated API and fake S3 storage)',
  emulator,
  provider: (overrides) =>
    createGjirafaProvider({ baseUrl: `${emulatorUrl}/gjirafa`, projectId, getToken: () => token, ...(overrides?.limits ? { limits: overrides.limits } : {}) }),
  stored: (result) => emulator.inspect('gjirafa', `${String(result.projectId)}/${String(result.fileName)}`),
  routes: { create: 'gjirafa.initiate', sign: 'gjirafa.part-url', part: 'storage.put', complete: 'gjirafa.complete' },
  isPartRequest: (e) => e.method === 'PUT' && e.path.startsWith('/storage/gjirafa/'),
  isCreateRequest: (e) => e.method === 'POST' && e.path === `/gjirafa/api/projects/${projectId}/uploads/multipart`,
  // Simple upload: POST …/uploads/url, then one PUT.
  requestsPerSmallFile: 2,
  isAbortRequest: (e) => e.method === 'PUT' && e.path === `/gjirafa/api/projects/${projectId}/uploads/multipart-abort`,
  partSize: 5 * MiB,
  // By simple upload: one PUT of 0 bytes.
  emptyFile: 'uploads',
  // No part checksum in the API, and no Content-MD5 on storage requests (rule 9).
  integrity: 'none',
  expiringUrls: true,
  abort: true,
  persists: { fields: ['requestKey', 'uploadId', 'uploadFileDetailsId', 'fileName'], urls: false },
})
