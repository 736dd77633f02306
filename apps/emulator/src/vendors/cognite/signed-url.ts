import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Signing of the part URLs `initmultipartupload` hands out, like a cloud bucket's signed URL:
 * the signature covers the upload key, the part index and the expiry, so a URL cannot be
 * re-aimed at another part or kept alive. The key is kept in the data folder, so URLs stay
 * valid across an emulator restart (they live a week).
 */
export function createUrlSigner(dir: string) {
  const secret = loadSecret(path.join(dir, 'url-signing-key'))
  const sign = (key: string, index: number, expires: number) => createHmac('sha256', secret).update(`PUT\n${key}\n${index}\n${expires}`).digest('hex')

  return {
    /** Query string for a part URL valid until `expires` (epoch seconds). */
    query: (key: string, index: number, expires: number) => `expires=${expires}&signature=${sign(key, index, expires)}`,
    verify(key: string, index: number, expires: string | undefined, signature: string | undefined): 'ok' | 'bad-signature' | 'expired' {
      if (!expires || !signature || !/^\d+$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) return 'bad-signature'
      const expected = Buffer.from(sign(key, index, Number(expires)), 'hex')
      if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'bad-signature'
      return Date.now() > Number(expires) * 1000 ? 'expired' : 'ok'
    },
  }
}

function loadSecret(file: string): Buffer {
  try {
    return readFileSync(file)
  } catch {
    mkdirSync(path.dirname(file), { recursive: true })
    const secret = randomBytes(32)
    writeFileSync(file, secret)
    return secret
  }
}
