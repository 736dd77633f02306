import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStoryUploader } from '../components/story-uploader'
import { defaultMessages } from '../i18n/messages'
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
})
