/**
 * CRC-32C (Castagnoli), in plain JavaScript: the fallback where WebAssembly is blocked, and
 * `crc32cCombine`, which gives a whole file's CRC-32C from its parts' CRCs and lengths, so the
 * file is never read a second time for it (the method of zlib's crc32_combine).
 */
const POLYNOMIAL = 0x82f63b78 // reflected

// Slice-by-8 tables: TABLES[k * 256 + n] is the CRC of byte n followed by k zero bytes.
const TABLES = new Int32Array(8 * 256)
for (let n = 0; n < 256; n++) {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ POLYNOMIAL : c >>> 1
  TABLES[n] = c
}
for (let n = 0; n < 256; n++) {
  let c = TABLES[n]!
  for (let k = 1; k < 8; k++) {
    c = TABLES[c & 0xff]! ^ (c >>> 8)
    TABLES[k * 256 + n] = c
  }
}

/** Continue a CRC-32C over more bytes (start from 0). */
export function crc32cUpdate(crc: number, bytes: Uint8Array): number {
  const t = TABLES
  let c = ~crc
  let i = 0
  const fast = bytes.length - (bytes.length % 8)
  for (; i < fast; i += 8) {
    c ^= bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24)
    c =
      t[1792 + (c & 0xff)]! ^
      t[1536 + ((c >>> 8) & 0xff)]! ^
      t[1280 + ((c >>> 16) & 0xff)]! ^
      t[1024 + (c >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8)
  return ~c >>> 0
}

/** (a * b) modulo the CRC polynomial, both as reflected 32-bit polynomials. */
function multiplyModP(a: number, b: number): number {
  let product = 0
  for (let m = 0x80000000; m !== 0; m >>>= 1) {
    if (a & m) {
      product ^= b
      if ((a & (m - 1)) === 0) break
    }
    b = b & 1 ? (b >>> 1) ^ POLYNOMIAL : b >>> 1
  }
  return product >>> 0
}

// X2N[k] = x^(2^k) modulo the polynomial.
const X2N: number[] = [0x40000000]
for (let k = 1; k < 64; k++) X2N.push(multiplyModP(X2N[k - 1]!, X2N[k - 1]!))

/** x^(8 * bytes) modulo the polynomial: the shift a CRC undergoes over that many bytes. */
function shiftFor(bytes: number): number {
  let p = 0x80000000 // x^0
  let n = bytes
  for (let k = 3; n > 0; k++, n = Math.floor(n / 2)) if (n % 2 === 1) p = multiplyModP(X2N[k % 64]!, p)
  return p
}

/** The CRC-32C of A followed by B, from crc(A), crc(B) and B's length in bytes. */
export function crc32cCombine(crcA: number, crcB: number, lengthB: number): number {
  return (multiplyModP(shiftFor(lengthB), crcA) ^ crcB) >>> 0
}

/** An incremental CRC-32C with the same shape as the other hashers. */
export function createCrc32c() {
  let crc = 0
  return {
    update(bytes: Uint8Array) {
      crc = crc32cUpdate(crc, bytes)
    },
    digestHex: () => crc.toString(16).padStart(8, '0'),
  }
}
