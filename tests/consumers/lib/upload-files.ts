import { createHash, randomBytes } from 'node:crypto'
import { crc32, deflateSync } from 'node:zlib'

export interface TestFile {
  name: string
  mimeType: string
  buffer: Buffer
  sha256: string
}

const withHash = (name: string, mimeType: string, buffer: Buffer): TestFile => ({ name, mimeType, buffer, sha256: createHash('sha256').update(buffer).digest('hex') })

/** Random bytes, big enough to go as a multipart upload (over the 8 MiB single-request size). */
export const multipartFile = (name: string) => withHash(name, 'application/octet-stream', randomBytes(9 * 1024 * 1024 + 4321))

/** A real 32x32 PNG (so the thumbnail worker decodes it), one request. */
export function pngFile(name: string): TestFile {
  const size = 32
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(crc32(body))
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8-bit RGBA, no interlace
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 4, Buffer.from([200, 40, 90, 255]))])
  const pixels = deflateSync(Buffer.concat(Array.from({ length: size }, () => row)))
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))])
  return withHash(name, 'image/png', png)
}
