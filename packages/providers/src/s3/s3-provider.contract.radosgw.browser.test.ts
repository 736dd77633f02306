import { inject } from 'vitest'
import { describeProviderContract } from '../contract/provider-contract'
import { s3ContractTarget } from './s3-contract-target'

// The whole contract suite for the S3 adapter and the signer against Ceph radosgw. radosgw
// verifies Content-MD5 but ignores additional checksums, so only the MD5 variant runs here.
describeProviderContract(s3ContractTarget('S3 on Ceph radosgw (behind the emulator front)', inject('emulatorUrl'), inject('emulatorToken'), 'md5'))
