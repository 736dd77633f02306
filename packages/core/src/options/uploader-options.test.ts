import { describe, expect, it } from 'vitest'
import { recordingProvider } from '../testing/fakes'
import { createUploader } from '../uploader'
import type { UploaderOptions } from './uploader-options'

const provider = recordingProvider()
const attempt = (options: Partial<UploaderOptions>) => () => createUploader({ provider, ...options } as UploaderOptions)

describe('option validation', () => {
  // Each row: the option as given, and the words the error must contain (the option's name and the value).
  const bad: Array<[string, Partial<UploaderOptions> | Record<string, unknown>, string[]]> = [
    ['partSize NaN (would plan 0-byte parts)', { partSize: NaN }, ['partSize', 'NaN']],
    ['partSize negative', { partSize: -1 }, ['partSize', '-1']],
    ['partSize Infinity', { partSize: Infinity }, ['partSize', 'Infinity']],
    ['partSize fractional', { partSize: 1.5 }, ['partSize', '1.5']],
    ['partSize a string', { partSize: '8MB' }, ['partSize', '"8MB"']],
    ['concurrency NaN', { concurrency: NaN }, ['concurrency', 'NaN']],
    ['concurrency 0', { concurrency: 0 }, ['concurrency', '0']],
    ['concurrency Infinity (no memory bound)', { concurrency: Infinity }, ['concurrency', 'Infinity']],
    ['maxActiveFiles NaN (files would stay queued)', { maxActiveFiles: NaN }, ['maxActiveFiles', 'NaN']],
    ['singleRequestMaxSize negative', { singleRequestMaxSize: -5 }, ['singleRequestMaxSize', '-5']],
    ['stallTimeoutMs 0', { stallTimeoutMs: 0 }, ['stallTimeoutMs', '0']],
    ['apiTimeoutMs Infinity', { apiTimeoutMs: Infinity }, ['apiTimeoutMs', 'Infinity']],
    ['retry.attempts 0', { retry: { attempts: 0 } }, ['retry.attempts', '0']],
    ['retry.maxDelayMs below base', { retry: { baseDelayMs: 100, maxDelayMs: 10 } }, ['retry.maxDelayMs', '10']],
    ['restrictions.maxFileSize NaN', { restrictions: { maxFileSize: NaN } }, ['restrictions.maxFileSize', 'NaN']],
    ['restrictions.accept a number', { restrictions: { accept: 5 } }, ['restrictions.accept', '5']],
    ['hashing.workers 0', { hashing: { workers: 0 } }, ['hashing.workers', '0']],
    ['persistence without scope', { persistence: { resume: true } }, ['persistence.scope', 'undefined']],
    ['persistence with an empty scope', { persistence: { scope: ' ' } }, ['persistence.scope', '" "']],
    ['no provider', { provider: undefined }, ['provider', 'undefined']],
    ['onComplete not a function', { onComplete: 'yes' }, ['onComplete', '"yes"']],
  ]
  for (const [name, options, words] of bad) {
    it(`refuses ${name}, at once, with a typed error naming it`, () => {
      const create = attempt(options as Partial<UploaderOptions>)
      expect(create).toThrow(expect.objectContaining({ name: 'UploadError', code: 'invalid-option' }))
      try {
        create()
      } catch (error) {
        for (const word of words) expect((error as Error).message).toContain(word)
      }
    })
  }

  it('accepts sensible options', () => {
    const uploader = attempt({
      partSize: 'auto',
      concurrency: 8,
      maxActiveFiles: 16,
      singleRequestMaxSize: 0,
      retry: { attempts: 3, baseDelayMs: 0, maxDelayMs: 0 },
      restrictions: { accept: 'image/*,.pdf', maxFileSize: 10, minFileSize: 0 },
      persistence: { scope: 'user-42', storage: 'memory' },
      hashing: { workers: 2, readyTimeoutMs: 500, fallback: 'fail' },
    })()
    expect(uploader.disposed).toBe(false)
  })

  it('checks per-call arguments too', async () => {
    const uploader = attempt({ autoStart: false })()
    expect(() => uploader.removeAll('done' as never)).toThrow(expect.objectContaining({ code: 'invalid-option', message: expect.stringContaining('filter') }))
    expect(() => uploader.on('file-added', undefined as never)).toThrow(expect.objectContaining({ code: 'invalid-option' }))
    await expect(uploader.clearPersistence('')).rejects.toMatchObject({ code: 'invalid-option' })
    await expect(uploader.restoreFiles({ requestPermission: 'yes' as never })).rejects.toMatchObject({ code: 'invalid-option' })
  })
})
