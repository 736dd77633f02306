import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStoryUploader } from '../components/story-uploader'
import { defaultMessages } from '../i18n/default-messages'
import { errorMessages } from '../i18n/error-messages'
import { loadErrorMessages } from '../i18n/lazy-error-messages'
import { englishMessages } from '../i18n/messages'
import { announceUploads } from './announce-uploads'
import type { Assertiveness, LiveAnnouncer } from './live-announcer'

afterEach(() => vi.useRealTimers())

function recorder() {
  const said: Array<[Assertiveness, string]> = []
  const announcer: LiveAnnouncer = { announce: (text, assertiveness = 'polite') => void said.push([assertiveness, text]), clear() {} }
  return { said, announcer }
}
const file = (name: string, size = 10) => new File([new Uint8Array(size)], name, { type: 'text/plain' })

describe('announcing uploads from the uploader’s events', () => {
  it('summarises what was added and finished politely, and ends with a summary of all', async () => {
    const uploader = createStoryUploader({ bytesPerSecond: 1e9 })
    const { said, announcer } = recorder()
    const stop = announceUploads(uploader, announcer, () => defaultMessages, 50)
    await uploader.addFiles([file('a.txt'), file('b.txt'), file('c.txt')])
    await uploader.whenIdle()
    await vi.waitFor(() => expect(said.some(([, text]) => text.startsWith('All uploads finished'))).toBe(true))
    expect(said).toContainEqual(['polite', '3 files added'])
    expect(said.filter(([, text]) => text.includes('uploaded')).length).toBeGreaterThan(0)
    expect(said.at(-1)).toEqual(['polite', 'All uploads finished: 3 uploaded.'])
    expect(said.every(([assertiveness]) => assertiveness === 'polite')).toBe(true)
    stop()
    uploader.dispose()
  })

  it('says a failure assertively, with the plain reason for its code', async () => {
    const uploader = createStoryUploader({ bytesPerSecond: 1e9, failWhenNameIncludes: 'broken' })
    const { said, announcer } = recorder()
    const stop = announceUploads(uploader, announcer, () => defaultMessages, 50)
    await uploader.addFiles([file('broken.txt')])
    await uploader.whenIdle()
    await vi.waitFor(() => expect(said).toContainEqual(['assertive', `broken.txt failed: ${defaultMessages.errors.network}`]))
    stop()
    uploader.dispose()
  })

  it('stops listening when stopped', async () => {
    const uploader = createStoryUploader({ bytesPerSecond: 1e9 })
    const { said, announcer } = recorder()
    announceUploads(uploader, announcer, () => defaultMessages, 10)()
    await uploader.addFiles([file('a.txt')])
    await uploader.whenIdle()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(said).toEqual([])
    uploader.dispose()
  })

  it('says a failure only once the sentence for its code is here, then the summary after it', async () => {
    // A provider's messages start without the English error sentences; the first failure loads
    // them. The first caller decides how they load: here, when the test opens the gate.
    let open = () => {}
    const gate = new Promise<void>((resolve) => (open = resolve))
    const loading = loadErrorMessages(() => gate.then(() => import('../i18n/error-messages')))
    const uploader = createStoryUploader({ bytesPerSecond: 1e9, failWhenNameIncludes: 'broken' })
    const { said, announcer } = recorder()
    const stop = announceUploads(uploader, announcer, () => englishMessages, 10)
    await uploader.addFiles([file('broken.txt'), file('fine.txt')])
    await uploader.whenIdle()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(said.filter(([assertiveness]) => assertiveness === 'assertive')).toEqual([])
    open()
    await loading
    await vi.waitFor(() => expect(said.at(-1)).toEqual(['polite', 'All uploads finished: 1 uploaded, 1 failed.']))
    expect(said.filter(([assertiveness]) => assertiveness === 'assertive')).toEqual([['assertive', `broken.txt failed: ${errorMessages.network}`]])
    stop()
    uploader.dispose()
  })

  it('says the generic sentence when the error sentences cannot load (their chunk is gone)', async () => {
    vi.resetModules()
    const lazy = await import('../i18n/lazy-error-messages')
    const { announceUploads: announceWithFreshSentences } = await import('./announce-uploads')
    const failed = lazy.loadErrorMessages(() => Promise.reject(new Error('chunk gone')))
    const uploader = createStoryUploader({ bytesPerSecond: 1e9, failWhenNameIncludes: 'broken' })
    const { said, announcer } = recorder()
    const stop = announceWithFreshSentences(uploader, announcer, () => englishMessages, 10)
    await uploader.addFiles([file('broken.txt')])
    await uploader.whenIdle()
    expect(await failed).toEqual({})
    await vi.waitFor(() => expect(said).toContainEqual(['assertive', `broken.txt failed: ${englishMessages.errorFallback}`]))
    expect(said.filter(([assertiveness]) => assertiveness === 'assertive')).toHaveLength(1)
    stop()
    uploader.dispose()
  })
})
