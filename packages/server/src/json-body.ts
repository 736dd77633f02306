import { SignerError } from './errors'

/**
 * Whether the request declares a JSON body. Only `application/json` (parameters allowed): a
 * text/plain or form body is what a cross-site form can post without a CORS preflight.
 */
export function isJsonRequest(request: Request): boolean {
  const type = request.headers.get('content-type') ?? ''
  return type.split(';')[0]!.trim().toLowerCase() === 'application/json'
}

/**
 * Read a JSON object body of at most `maxBytes`. A declared Content-Length above the cap is
 * refused before reading; the stream is counted as it arrives in any case (a chunked body
 * has no length, and a length is only a claim), and reading stops at the cap.
 */
export async function readJsonObject(request: Request, maxBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (declared > maxBytes) throw new SignerError('body-too-large', 413, { detail: `Content-Length ${declared} > ${maxBytes}` })
  const bytes = await readCapped(request, maxBytes)
  let value: unknown
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown
  } catch {
    throw new SignerError('invalid-json', 400)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new SignerError('invalid-json', 400)
  return value as Record<string, unknown>
}

async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array(0)
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.length
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined)
      throw new SignerError('body-too-large', 413, { detail: `body passed ${maxBytes} bytes` })
    }
    chunks.push(value)
  }
  const bytes = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    bytes.set(chunk, offset)
    offset += chunk.length
  }
  return bytes
}
