import { config } from './config'
import { startEmulator } from './start-emulator'

// One command, loopback only: a real S3 (s3rver) behind a verifying front, plus our signer
// and an inspection API.
const emulator = await startEmulator(config)

console.log(`uplink emulator
  API (signer, inspection): ${emulator.apiUrl}
  S3 (${config.s3Upstream ? `upstream ${config.s3Upstream}` : "s3rver"}, verified): ${emulator.s3Endpoint}  bucket "${config.bucket}"
  data folder:              ${emulator.storageDir}`)

const shutdown = () => void emulator.close().finally(() => process.exit(0))
process.on('SIGINT', shutdown)
process.on('SIGTERM', shutdown)
