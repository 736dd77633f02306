import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * Signing of the part URLs `initmultipartupload` hands out, like a cloud bucket's signed URL:
 * the signature covers the upload key, the part index, when the URL was issued and when it
 * expires, so a URL cannot be re-aimed at another part or kept alive. The key is kept in the
 * data folder, so URLs stay valid across an emulator restart (they live a week).
 * `expiredOnDemand` says whether a URL issued at a given instant was expired early (the
 * emulator's POST /__expire-urls).
 */
export function createUrlSigner(dir: string, expiredOnDemand: (issuedAt: number) => boolean = () => false) {
  const secret = loadSecret(path.join(dir, 'url-signing-key'))
  const sign = (key: string, index: number, issued: number, expires: number) =>
    createHmac('sha256', secret).update(`PUT\n${key}\n${index}\n${issued}\n${expires}`).digest('hex')

  return {
    /** Query string for a part URL issued at `issued` and valid until `expires` (both epoch seconds). */
    query: (key: string, index: number, issued: number, expires: number) =>
      `issued=${issued}&expires=${expires}&signature=${sign(key, index, issued, expires)}`,
    verify(key: string, index: number, query: (name: string) => string | undefined): 'ok' | 'bad-signature' | 'expired' {
      const [issued, expires, signature] = [query('issued'), query('expires'), query('signature')]
      if (!issued || !expires || !signature || !/^\d+$/.test(issued) || !/^\d+$/.test(expires) || !/^[0-9a-f]{64}$/.test(signature)) return 'bad-signature'
      const expected = Buffer.from(sign(key, index, Number(issued), Number(expires)), 'hex')
      if (!timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return 'bad-signature'
      return Date.now() > Number(expires) * 1000 || expiredOnDemand(Number(issued) * 1000) ? 'expired' : 'ok'
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
