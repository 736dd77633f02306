import { inject } from 'vitest'
import { describeProviderContract } from '../contract/provider-contract'
import { s3ContractTarget } from './s3-contract-target'

for (const checksum of ['md5', 'crc32c', 'sha256'] as const) {
  describeProviderContract(s3ContractTarget(`S3 with ${checksum} part checksums (s3rver behind the emulator front)`, inject('emulatorUrl'), inject('emulatorToken'), checksum))
}
