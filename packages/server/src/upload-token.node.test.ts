import { describe, expect, it } from 'vitest'
import { SignerError } from './errors'
import { createTokenCodec } from './upload-token'

const codec = createTokenCodec(new TextEncoder().encode('0123456789abcdef0123456789abcdef'))
const claims = { uploadId: 'u-1', key: 'uploads/x/a.bin', plan: { size: 1, partSize: 5 * 1024 * 1024, partCount: 1 }, expiresAt: Date.now() + 60_000 }

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => undefined, (e: unknown) => e)
  expect(error).toBeInstanceOf(SignerError)
  return { code: (error as SignerError).code, status: (error as SignerError).status }
}

describe('upload tokens', () => {
  it('round-trips the claims for the identity they were issued to', async () => {
    const token = await codec.issue({ ...claims, checksum: 'CRC32C' }, 'alice')
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/)
    expect(await codec.verify(token, 'alice')).toEqual({ ...claims, checksum: 'CRC32C' })
  })

  it('fails for another identity, another secret, any changed byte, and after expiry', async () => {
    const token = await codec.issue(claims, 'alice')
    expect(await refusal(codec.verify(token, 'bob'))).toEqual({ code: 'invalid-token', status: 403 })
    const other = createTokenCodec(new TextEncoder().encode('another secret of 32 bytes or more!!'))
    expect(await refusal(other.verify(token, 'alice'))).toEqual({ code: 'invalid-token', status: 403 })
    for (let i = 3; i < token.length; i += 7) {
      const flipped = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1)
      if (flipped !== token) expect((await refusal(codec.verify(flipped, 'alice'))).code).toBe('invalid-token')
    }
    // The identity is framed in the MAC input: moving a character from the claims into the
    // identity ("x" + "eyJ..." vs "xe" + "yJ...") must not keep the MAC valid.
    const [, body, mac] = (await codec.issue(claims, 'x')).split('.') as [string, string, string]
    const shifted = await codec.verify(`v1.${body.slice(1)}.${mac}`, `x${body[0]}`).then(() => undefined, (e: unknown) => e as SignerError)
    expect(shifted?.detail).toMatch(/MAC does not verify/)
    expect(await refusal(codec.verify(token, 'alice', claims.expiresAt + 1))).toEqual({ code: 'token-expired', status: 403 })
    for (const bad of [undefined, '', 'v1', 'v2.a.b', `${token}.x`, 'x'.repeat(5000)]) expect((await refusal(codec.verify(bad, 'alice'))).code).toBe('invalid-token')
  })
})
