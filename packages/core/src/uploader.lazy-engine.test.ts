import { afterEach, expect, it, vi } from 'vitest'
import { plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'

// The engine's code loads with the first file (control/lazy-engine.ts): when that load fails,
// the files must fail visibly and be retryable, not sit "queued" forever.
const file = (name: string) => new File([new Uint8Array(20)], name, { lastModified: 1 })
const ok = (url: string) => response(200, { ETag: `"${url.split('/').pop()}"` })

afterEach(() => {
  vi.doUnmock('./control/engine')
  vi.resetModules()
})

it('a file whose upload code cannot load fails with a retryable network error; a retry loads it and uploads', async () => {
  let reachable = false
  vi.doMock('./control/engine', async (importOriginal) => {
    if (!reachable) throw new TypeError('Failed to fetch dynamically imported module')
    return importOriginal()
  })
  vi.resetModules()
  const { createUploader } = await import('./uploader')
  const uploader = createUploader({ provider: recordingProvider(), transport: scriptedTransport(ok).transport, hasher: plainHasher, partSize: 10 })
  const errors: string[] = []
  uploader.on('file-error', ({ error }) => errors.push(error.code))
  const { ids } = await uploader.addFiles([file('a')])
  await uploader.whenIdle()
  expect(uploader.store.getState().files[ids[0]!]).toMatchObject({ status: 'error', error: { code: 'network', retryable: true } })
  expect(errors).toEqual(['network'])

  reachable = true
  expect(uploader.retry(ids[0]!)).toBe(true)
  await uploader.whenIdle()
  expect(uploader.store.getState().files[ids[0]!]!.status).toBe('done')
  uploader.dispose()
})
