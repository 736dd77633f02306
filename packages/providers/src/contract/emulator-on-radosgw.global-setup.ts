import type { TestProject } from 'vitest/node'
import * as emulator from './emulator.global-setup'

// The contract project's emulator with Ceph radosgw (scripts/radosgw/start.sh) in place of
// s3rver behind its S3 front: the same faults and checks, against a real distributed store.
export function setup(project: TestProject) {
  const need = (name: string) => {
    const value = process.env[name]
    if (!value) throw new Error(`${name} is not set: start radosgw with scripts/radosgw/start.sh first`)
    return value
  }
  process.env.UPLINK_S3_UPSTREAM = need('RADOSGW_ENDPOINT')
  process.env.UPLINK_S3_BUCKET = need('RADOSGW_BUCKET')
  process.env.UPLINK_S3_ACCESS_KEY = need('RADOSGW_ACCESS_KEY')
  process.env.UPLINK_S3_SECRET_KEY = need('RADOSGW_SECRET_KEY')
  process.env.UPLINK_CONTRACT_PORT ??= '4940'
  return emulator.setup(project)
}

export const teardown = emulator.teardown
