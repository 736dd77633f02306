import { createHash } from 'node:crypto'

/**
 * Deterministic pseudo-random bytes (xorshift32), generated the same way in Node and in the
 * page, so a 20 MiB test file never crosses the test/page boundary and never repeats parts.
 */
export function fillPseudoRandom(bytes: Uint8Array, seed: number): Uint8Array {
  let x = seed >>> 0 || 1
  for (let i = 0; i < bytes.length; i += 4) {
    x ^= x << 13
    x >>>= 0
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    bytes[i] = x & 0xff
    bytes[i + 1] = (x >>> 8) & 0xff
    bytes[i + 2] = (x >>> 16) & 0xff
    bytes[i + 3] = (x >>> 24) & 0xff
  }
  return bytes
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}
