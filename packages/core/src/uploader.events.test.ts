import { describe, expect, it } from 'vitest'
import type { UploaderEvents } from './events/uploader-events'
import { type RecordingProvider, plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import { type Uploader, createUploader } from './uploader'

const file = (name: string, size: number) => new File([new Uint8Array(size)], name, { lastModified: 1 })
const ok = (url: string) => response(200, { ETag: `"${url.split('/').pop()}"` })

/** Every event of every kind, as one readable line each, in order. */
function record(uploader: Uploader): string[] {
  const log: string[] = []
  const kinds: Array<keyof UploaderEvents> = ['file-added', 'file-removed', 'file-status', 'part-progress', 'part-done', 'file-done', 'file-error', 'all-done']
  for (const kind of kinds) {
    uploader.on(kind, (event: UploaderEvents[typeof kind]) => {
      const e = event as Record<string, unknown> & Partial<UploaderEvents['file-status'] & UploaderEvents['part-done'] & UploaderEvents['all-done'] & UploaderEvents['file-error']>
      if (kind === 'file-status') log.push(`status ${e.previous} -> ${e.status}${e.file!.status === e.status ? '' : ' (file disagrees)'}`)
      else if (kind === 'part-done') log.push(`part-done ${e.part!.number}`)
      else if (kind === 'part-progress') log.push('progress')
      else if (kind === 'all-done') log.push(`all-done ${e.totals!.done}/${e.totals!.files}`)
      else if (kind === 'file-error') log.push(`file-error ${e.error!.code}`)
      else log.push(kind)
    })
  }
  return log
}
/** Progress events come once per frame: collapse runs of them. */
const squash = (log: string[]) => log.filter((line, i) => line !== 'progress' || log[i - 1] !== 'progress')

describe('uploader events', () => {
  it('tell the whole story of an upload, in order', async () => {
    const { transport } = scriptedTransport(ok)
    const uploader = createUploader({ provider: recordingProvider(), transport, hasher: plainHasher, partSize: 10, concurrency: 1 })
    const log = record(uploader)
    await uploader.addFiles([file('a', 25)])
    await uploader.whenIdle()
    expect(squash(log).filter((l) => l !== 'progress')).toEqual([
      'file-added',
      'status queued -> preparing',
      'status preparing -> uploading',
      'part-done 1',
      'part-done 2',
      'part-done 3',
      'status uploading -> completing',
      'status completing -> done',
      'file-done',
      'all-done 1/1',
    ])
    expect(log.indexOf('progress')).toBeGreaterThan(log.indexOf('status preparing -> uploading'))
    expect(log.lastIndexOf('progress')).toBeLessThan(log.indexOf('status completing -> done'))
  })

  it('show "retrying" while a failed request waits for its next attempt, and a typed error at the end', async () => {
    let failures = 0
    const { transport } = scriptedTransport((url) => (++failures <= 2 ? response(503, { 'Retry-After': '0.05' }) : ok(url)))
    const provider: RecordingProvider = recordingProvider()
    const uploader = createUploader({ provider, transport, hasher: plainHasher, partSize: 100, retry: { attempts: 3 } })
    const log = record(uploader)
    await uploader.addFiles([file('a', 10)])
    await uploader.whenIdle()
    expect(log.filter((l) => l.startsWith('status'))).toEqual([
      'status queued -> preparing',
      'status preparing -> uploading',
      'status uploading -> retrying',
      'status retrying -> uploading',
      'status uploading -> retrying',
      'status retrying -> uploading',
      'status uploading -> completing',
      'status completing -> done',
    ])

    const failing = createUploader({ provider, transport: scriptedTransport(() => response(400, {}, 'bad')).transport, hasher: plainHasher })
    const failed = record(failing)
    await failing.addFiles([file('b', 10)])
    await failing.whenIdle()
    expect(failed.slice(-3)).toEqual(['status uploading -> error', 'file-error server-rejected', 'all-done 0/1'])
  })

  it('keep the totals as files change: a failed file counts only what the server acknowledged', async () => {
    const { transport } = scriptedTransport((url) => (url.endsWith('/3') ? response(400, {}, 'refused') : ok(url)))
    const uploader = createUploader({ provider: recordingProvider(), transport, hasher: plainHasher, partSize: 10, concurrency: 1 })
    let last: UploaderEvents['all-done'] | undefined
    uploader.on('all-done', (event) => (last = event))
    await uploader.addFiles([file('good', 20), file('bad', 30)])
    await uploader.whenIdle()
    const { totals } = uploader.store.getState()
    expect(totals).toMatchObject({ files: 2, done: 1, failed: 1, active: 0, bytesTotal: 50, bytesSent: 40, speed: 0 })
    expect(totals.progress).toBeCloseTo(40 / 50)
    expect(last?.totals).toEqual(totals)
  })

  it('a listener that throws stops neither the others nor the upload; unsubscribing works', async () => {
    const { transport } = scriptedTransport(ok)
    const uploader = createUploader({ provider: recordingProvider(), transport, hasher: plainHasher })
    const reported: unknown[] = []
    const original = globalThis.reportError
    globalThis.reportError = (error: unknown) => void reported.push(error)
    try {
      const seen: string[] = []
      uploader.on('file-status', () => {
        throw new Error('listener broke')
      })
      const off = uploader.on('file-status', (e) => seen.push(e.status))
      await uploader.addFiles([file('a', 5)])
      await uploader.whenIdle()
      expect(seen.at(-1)).toBe('done')
      expect(reported.length).toBe(seen.length)
      off()
      const { ids } = await uploader.addFiles([file('b', 5)])
      await uploader.whenIdle()
      expect(uploader.store.getState().files[ids[0]!]!.status).toBe('done')
      expect(seen.filter((s) => s === 'done')).toHaveLength(1)
    } finally {
      globalThis.reportError = original
    }
  })
})
