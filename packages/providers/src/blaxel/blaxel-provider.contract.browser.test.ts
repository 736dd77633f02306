import { inject } from 'vitest'
import { emulatorClient } from '../contract/emulator-client'
import { describeProviderContract } from '../contract/provider-contract'
import { createBlaxelProvider } from './blaxel-provider'

const emulatorUrl = inject('emulatorUrl')
const token = inject('emulatorToken')
const emulator = emulatorClient(emulatorUrl)
const MiB = 1024 * 1024

describeProviderContract({
  name: 'Blaxel (sandbox filesystem multipart)',
  emulator,
  provider: (overrides) =>
    createBlaxelProvider({
      baseUrl: `${emulatorUrl}/blaxel`,
      getToken: () => token,
      directory: '/tmp/contract',
      ...(overrides?.limits ? { limits: overrides.limits } : {}),
    }),
  // The emulated sandbox's "/" is its object folder: the key is the absolute path.
  stored: (result) => emulator.inspect('blaxel', String(result.key)),
  routes: { create: 'blaxel.initiate', part: 'blaxel.part', complete: 'blaxel.complete' },
  isPartRequest: (e) => e.method === 'PUT' && /^\/blaxel\/filesystem-multipart\/[^/]+\/part$/.test(e.path),
  isCreateRequest: (e) => e.method === 'POST' && e.path.startsWith('/blaxel/filesystem-multipart/initiate/'),
  // initiate, PUT, complete.
  requestsPerSmallFile: 3,
  isAbortRequest: (e) => e.method === 'DELETE' && /^\/blaxel\/filesystem-multipart\/[^/]+\/abort$/.test(e.path),
  partSize: 5 * MiB,
  emptyFile: 'uploads',
  // The sandbox stores whatever arrives and answers its MD5; the adapter compares it with its own.
  integrity: 'part-checksum',
  expiringUrls: false,
  abort: true,
  persists: { fields: ['uploadId', 'path'], urls: false },
})
