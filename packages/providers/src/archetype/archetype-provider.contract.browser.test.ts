import { inject } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { describeProviderContract } from '../contract/provider-contract'
import { createArchetypeProvider } from './archetype-provider'

const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024

describeProviderContract({
  name: 'Archetype AI (emulated API and fake S3 storage)',
  emulator,
  provider: (overrides) =>
    createArchetypeProvider({ baseUrl: `${emulatorUrl}/archetype/v0.5`, getToken: () => token, ...(overrides?.limits ? { limits: overrides.limits } : {}) }),
  // The filename is the file's id at Archetype (and the emulator's inspect key).
  stored: (result) => emulator.inspect('archetype', String(result.fileName)),
  routes: { create: 'archetype.initiate', sign: 'archetype.part-url', part: 'storage.put', complete: 'archetype.complete' },
  isPartRequest: (e) => e.method === 'PUT' && e.path.startsWith('/storage/archetype/'),
  isCreateRequest: (e) => e.method === 'POST' && e.path === '/archetype/v0.5/files/uploads/initiate',
  // initiate, PUT, checkpoint, complete.
  requestsPerSmallFile: 4,
  isAbortRequest: (e) => e.method === 'POST' && /^\/archetype\/v0\.5\/files\/uploads\/[^/]+\/abort$/.test(e.path),
  // The emulator's server part size (the docs' 8 MiB example).
  partSize: 8 * MiB,
  serverPlan: { partSize: 8 * MiB },
  emptyFile: 'uploads',
  // No part checksum; complete checks the whole file's CRC32C.
  integrity: 'whole-file-checksum',
  expiringUrls: true,
  abort: true,
  // The file uid and name a completion sent again reports, and whether complete takes a CRC32C.
  persists: { fields: ['fileName', 'fileUid', 'integrity', 'uploadId'], urls: false },
})
