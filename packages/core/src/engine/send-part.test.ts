import { describe, expect, it } from 'vitest'
import type { OnlineManager } from '../environment/online-manager'
import { UploadError } from '../errors'
import type { Transport } from '../transport/transport'
import type { PartRequest, PartRequestReason, PartResponse } from '../types'
import { sendPart } from './send-part'

// sendPart alone (no uploader): which request it asks for on each attempt, how it reads each
// answer, and when it stops. Retries wait 0 ms here (baseDelayMs 0 and no network failures), so
// the tests need no clock.

const online: OnlineManager = { isOnline: () => true, subscribe: () => () => undefined }

function answer(status: number, body = '', headers: Record<string, string> = {}): PartResponse {
  return { status, body, header: (name) => headers[name.toLowerCase()] ?? null }
}

/** A transport that plays the given answers in order (an UploadError is thrown instead of answered). */
function scripted(answers: Array<PartResponse | UploadError>) {
  const sent: PartRequest[] = []
  const transport: Transport = async (request) => {
    sent.push(request)
    const next = answers.shift()
    if (!next) throw new Error('no more answers scripted')
    if (next instanceof UploadError) throw next
    return next
  }
  return { transport, sent }
}

function send(answers: Array<PartResponse | UploadError>, options: { attempts?: number; body?: Blob; expiresAt?: number } = {}) {
  const { transport, sent } = scripted(answers)
  const reasons: PartRequestReason[] = []
  const progress: number[] = []
  const retried: string[] = []
  const result = sendPart({
    part: { number: 3, offset: 0, size: 4, checksums: {} },
    body: options.body ?? new Blob(['abcd']),
    transport,
    retry: { policy: { attempts: options.attempts ?? 5, baseDelayMs: 0, maxDelayMs: 0 }, signal: new AbortController().signal, online },
    stallTimeoutMs: 30_000,
    request: async (reason) => {
      reasons.push(reason)
      return { method: 'PUT', url: `https://storage.test/part-3?try=${reasons.length}`, headers: {}, ...(options.expiresAt === undefined ? {} : { expiresAt: options.expiresAt }) }
    },
    accept: (response) => ({ number: 3, size: 4, token: response.header('ETag') ?? 'none' }),
    onProgress: (loaded) => progress.push(loaded),
    onRetry: (error) => retried.push(error.code),
  })
  return { result, reasons, sent, progress, retried }
}

describe('sendPart', () => {
  it('asks for the first request, then one per retry with the reason of the last failure', async () => {
    const run = send([
      answer(503),
      answer(403, '<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>'),
      answer(401),
      answer(200, '', { etag: '"e3"' }),
    ])
    await expect(run.result).resolves.toEqual({ number: 3, size: 4, token: '"e3"' })
    expect(run.reasons).toEqual(['first', 'retry', 'expired', 'unauthorized'])
    expect(run.sent.map((r) => r.url)).toEqual([1, 2, 3, 4].map((n) => `https://storage.test/part-3?try=${n}`))
    expect(run.retried).toEqual(['http', 'url-expired', 'unauthorized'])
  })

  it('a 403 is an expired URL only past the URL expiry it was given', async () => {
    const expired = send([answer(403), answer(200)], { expiresAt: Date.now() - 1 })
    await expired.result
    expect(expired.reasons).toEqual(['first', 'expired'])

    const refused = send([answer(403), answer(200)], { expiresAt: Date.now() + 60_000 })
    await expect(refused.result).rejects.toMatchObject({ code: 'server-rejected', status: 403 })
    expect(refused.reasons).toEqual(['first'])
  })

  it('tries once more with a fresh token after a 401; a second 401 is final', async () => {
    const run = send([answer(401), answer(401), answer(200)])
    await expect(run.result).rejects.toMatchObject({ code: 'unauthorized', status: 401, retryable: false })
    expect(run.reasons).toEqual(['first', 'unauthorized'])
  })

  it('stops after the attempts of its policy, the last failure as the error', async () => {
    const run = send([answer(500), answer(502), answer(503), answer(200)], { attempts: 3 })
    await expect(run.result).rejects.toMatchObject({ code: 'http', status: 503 })
    expect(run.sent).toHaveLength(3)
  })

  it('takes any 2xx as acknowledged, and 300 as not', async () => {
    await expect(send([answer(204, '', { etag: 'x' })]).result).resolves.toEqual({ number: 3, size: 4, token: 'x' })
    await expect(send([answer(299, '', { etag: 'y' })]).result).resolves.toEqual({ number: 3, size: 4, token: 'y' })
    const redirected = send([answer(300)], { attempts: 1 })
    await expect(redirected.result).rejects.toBeInstanceOf(UploadError)
  })

  it('reports progress from 0 again on every attempt', async () => {
    const run = send([answer(503), answer(200)])
    await run.result
    // Once as the first attempt starts, once when the failure is retried, once as the retry starts.
    expect(run.progress).toEqual([0, 0, 0])
  })

  it('a part that can no longer be read fails as file-changed at once, not as a network error retried', async () => {
    // A Blob whose bytes cannot be read: the browser's NotReadableError when a picked file changed on disk.
    const unreadable = new Blob(['abcd'])
    Object.defineProperty(unreadable, 'slice', { value: () => ({ size: 1, arrayBuffer: () => Promise.reject(new DOMException('changed', 'NotReadableError')) }) })
    const run = send([new UploadError({ code: 'network', message: 'No answer.', retryable: true }), answer(200)], { body: unreadable })
    await expect(run.result).rejects.toMatchObject({ code: 'file-changed' })
    expect(run.sent).toHaveLength(1)
  })
})
