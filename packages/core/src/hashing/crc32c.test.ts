import { describe, expect, it } from 'vitest'
import { crc32cCombine, crc32cUpdate } from './crc32c'

const ascii = (s: string) => new TextEncoder().encode(s)
const hex = (n: number) => n.toString(16).padStart(8, '0')

describe('CRC-32C in JavaScript', () => {
  it('matches the known vectors (RFC 3720 B.4 and the check value)', () => {
    expect(hex(crc32cUpdate(0, ascii('123456789')))).toBe('e3069283')
    expect(hex(crc32cUpdate(0, new Uint8Array(32)))).toBe('8a9136aa')
    expect(hex(crc32cUpdate(0, new Uint8Array(32).fill(0xff)))).toBe('62a8ab43')
    expect(hex(crc32cUpdate(0, Uint8Array.from({ length: 32 }, (_, i) => i)))).toBe('46dd794e')
    expect(hex(crc32cUpdate(0, Uint8Array.from({ length: 32 }, (_, i) => 31 - i)))).toBe('113fdb5c')
    expect(crc32cUpdate(0, new Uint8Array(0))).toBe(0)
  })

  it('gives the same CRC whether the bytes come at once or in pieces', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37 + 11) & 0xff)
    const whole = crc32cUpdate(0, bytes)
    let pieces = 0
    for (const cut of [[0, 3], [3, 17], [17, 999], [999, 1000]] as const) pieces = crc32cUpdate(pieces, bytes.subarray(...cut))
    expect(pieces).toBe(whole)
  })

  it('combines the CRCs of consecutive parts into the CRC of the whole', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 131 + (i >> 7)) & 0xff)
    const whole = crc32cUpdate(0, bytes)
    for (const cuts of [[0, 70_000], [1, 70_000], [40_000, 70_000], [8192, 16_384, 65_536, 70_000], [69_999, 70_000]]) {
      let combined = 0
      let start = 0
      for (const end of cuts) {
        combined = start === 0 && end === cuts[0] ? crc32cUpdate(0, bytes.subarray(0, end)) : crc32cCombine(combined, crc32cUpdate(0, bytes.subarray(start, end)), end - start)
        start = end
      }
      expect(hex(combined)).toBe(hex(whole))
    }
    // An empty part changes nothing.
    expect(crc32cCombine(whole, 0, 0)).toBe(whole)
  })

  it('combines parts of any length, past 4 GiB too (associative: (A+B)+C = A+(B+C))', () => {
    const [a, b, c] = [0x12345678, 0x9abcdef0, 0x0badf00d]
    for (const [lengthB, lengthC] of [[5, 7], [2 ** 32 + 5, 2 ** 31], [3 * 2 ** 40, 12_345]]) {
      const left = crc32cCombine(crc32cCombine(a, b, lengthB!), c, lengthC!)
      const right = crc32cCombine(a, crc32cCombine(b, c, lengthC!), lengthB! + lengthC!)
      expect(hex(left)).toBe(hex(right))
    }
    expect(crc32cCombine(a, b, 2 ** 32)).not.toBe(crc32cCombine(a, b, 0))
  })
})
