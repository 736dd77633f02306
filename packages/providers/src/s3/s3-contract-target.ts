import { emulatorClient } from '../contract/emulator-client'
import type { ContractTarget } from '../contract/provider-contract'
import type { S3Checksum } from './checksum'
import { createS3Provider } from './s3-provider'

/**
 * The S3 adapter as a contract target, against the emulator's signer and S3 front at
 * `emulatorUrl`; `token` is the emulator's development bearer token (its signer's authorize).
 */
export function s3ContractTarget(name: string, emulatorUrl: string, token: string, checksum: S3Checksum): ContractTarget {
  const emulator = emulatorClient(emulatorUrl)
  return {
    name,
    emulator,
    provider: (overrides) =>
      createS3Provider({ signerUrl: emulatorUrl, getToken: () => token, checksum, ...(overrides?.limits ? { limits: overrides.limits } : {}) }),
    stored: (result) => emulator.inspect('s3', String(result.key)),
    routes: { create: 's3.create', sign: 's3.sign', part: 's3.put', complete: 's3.complete' },
    isPartRequest: (e) => e.method === 'PUT' && e.path.startsWith('/s3-storage/'),
    isCreateRequest: (e) => e.method === 'POST' && e.path === '/s3/multipart',
    isAbortRequest: (e) => e.method === 'DELETE' && e.path.startsWith('/s3/multipart/'),
    // One presigned PutObject: the signer call and the PUT; without an additional checksum the
    // signer signs many small files in one call (POST /s3/objects).
    requestsPerSmallFile: 2,
    smallFilesSignedTogether: checksum === 'md5' || checksum === 'none',
    partSize: 5 * 1024 * 1024,
    emptyFile: 'uploads',
    // Content-MD5 or x-amz-checksum-* on every part, checked by the storage.
    integrity: 'part-checksum',
    expiringUrls: true,
    abort: true,
    // The signer's upload token (an HMAC bound to the user's identity) comes back with create.
    persists: { fields: ['key', 'uploadId', 'partCount', 'token'], urls: false },
  }
}
