import { describe, expect, it } from 'vitest'
import { selectFiles } from './store/selectors'
import { plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import type { SingleUrlSource, UploadProvider } from './types'
import { createUploader } from './uploader'

// Small files whose URLs the API signs many at once (SingleUrlSource): the file about to be sent
// asks, and the call also signs the next small files that will still be sent, in the order they
// were added, up to the API's cap; nothing else.

const file = (name: string, size: number) => new File([new Uint8Array(size).fill(7)], name, { type: 'application/octet-stream', lastModified: 1_700_000_000_000 })
const ok = () => response(200, { ETag: '"e"' })
const base = { hasher: plainHasher, persistence: false as const, retry: { baseDelayMs: 1, maxDelayMs: 2 }, partSize: 10, singleRequestMaxSize: 100 }

function signingManyAtOnce(maxBatch: number) {
  const provider = recordingProvider()
  const batches: string[][] = []
  const urls: SingleUrlSource = {
    maxBatch,
    async fetch(files) {
      batches.push(files.map(({ file }) => file.name))
      return files.map(({ number, file }) => ({ number, key: `objects/${file.name}`, url: `https://storage.test/objects/${file.name}?batch=${batches.length}` }))
    },
  }
  const withUrls: UploadProvider<{ id: string }> = {
    ...provider,
    singleRequest: {
      maxSize: 100,
      urls,
      async request(_info, _part, { url }) {
        if (!url) throw new Error('the engine gave no URL')
        return { method: 'PUT', url: url.url, headers: {} }
      },
      result: (info) => ({ key: `objects/${info.name}` }),
    },
  }
  return { provider: withUrls, batches, calls: provider.calls }
}

describe('small files signed many at once', () => {
  it('signs the file to send with the next small files still to be sent, in order, up to the cap; the rest find their URL waiting', async () => {
    const { provider, batches, calls } = signingManyAtOnce(4)
    const { transport, state } = scriptedTransport(ok)
    const uploader = createUploader({ ...base, provider, transport, concurrency: 2 })
    // f4 is too big for one request (multipart): never signed here.
    const files = [file('f0', 50), file('f1', 50), file('f2', 50), file('f3', 50), file('f4', 150), file('f5', 50), file('f6', 50)]
    await uploader.addFiles(files)
    await uploader.whenIdle()
    expect(selectFiles(uploader.store.getState()).map((f) => f.status)).toEqual(Array(7).fill('done'))
    expect(batches).toEqual([
      ['f0', 'f1', 'f2', 'f3'],
      ['f5', 'f6'],
    ])
    // Each small file went to the URL of its batch, once; the big one took the multipart path.
    for (const [name, batch] of [['f0', 1], ['f3', 1], ['f5', 2], ['f6', 2]] as const) {
      expect(state.sent.filter((u) => u.startsWith(`https://storage.test/objects/${name}?`))).toEqual([`https://storage.test/objects/${name}?batch=${batch}`])
    }
    expect(calls).toContain('create f4')
    expect(calls.filter((c) => c.startsWith('create'))).toEqual(['create f4'])
  })

  it('does not sign ahead for files that will not be sent: cancelled, paused, or started as multipart', async () => {
    const { provider, batches } = signingManyAtOnce(10)
    const { transport } = scriptedTransport(ok)
    const uploader = createUploader({ ...base, provider, transport, concurrency: 1, autoStart: false })
    const { ids } = await uploader.addFiles([file('a', 50), file('b', 50), file('c', 50), file('d', 50), file('e', 50)])
    uploader.cancel(ids[1]!)
    uploader.start(ids[2]!)
    uploader.pause(ids[2]!)
    uploader.start(ids[0]!)
    await uploader.whenIdle()
    // a asks: b is cancelled, c paused; d and e wait to be started and will be sent.
    expect(batches).toEqual([['a', 'd', 'e']])
  })
})
