import { describe, expect, it } from 'vitest'
import type { PartHasher } from './hashing/part-hasher'
import { type RecordingProvider, plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import { createUploader } from './uploader'

const ok = (url: string) => response(200, { ETag: `"${url.split('/').pop()}"` })
const make = (provider: RecordingProvider, hasher: PartHasher = plainHasher) => {
  const scripted = scriptedTransport(ok)
  const uploader = createUploader({ provider, transport: scripted.transport, hasher, partSize: 10, concurrency: 1, retry: { baseDelayMs: 1, maxDelayMs: 1 } })
  return { uploader, sent: scripted.state.sent }
}
const only = (uploader: ReturnType<typeof createUploader>) => Object.values(uploader.store.getState().files)[0]!
/** A File whose third slice comes back one byte short, as a file truncated on disk would read. */
class ShortFile extends File {
  private slices = 0
  override slice(start?: number, end?: number, type?: string): Blob {
    const short = ++this.slices === 3 && end !== undefined
    return super.slice(start, short ? end - 1 : end, type)
  }
}

describe('"done" means the stored object is exactly the file', () => {
  it('a part whose slice is short fails the file with file-changed before it is sent: session aborted, no complete', async () => {
    const provider = recordingProvider()
    const { uploader, sent } = make(provider)
    await uploader.addFiles([new ShortFile([new Uint8Array(45)], 'short.bin', { lastModified: 1 })])
    await uploader.whenIdle()
    expect(only(uploader)).toMatchObject({ status: 'error', error: { code: 'file-changed', retryable: false } })
    expect(only(uploader).error!.message).toMatch(/Part 3 read 9 bytes where the plan has 10/)
    expect(sent.map((u) => u.split('/').pop())).toEqual(['1', '2'])
    expect(provider.calls).not.toContain('complete')
    await expect.poll(() => provider.calls).toContain('abort')
  })

  it('a part whose read comes back short (a worker read fewer bytes) is caught the same way', async () => {
    const provider = { ...recordingProvider(), partChecksum: 'md5' as const }
    let parts = 0
    const shortReader: PartHasher = { ...plainHasher, hashPart: async (part) => ({ checksums: {}, bytes: ++parts === 2 ? part.size - 3 : part.size }) }
    const { uploader } = make(provider, shortReader)
    await uploader.addFiles([new File([new Uint8Array(30)], 'a.bin', { lastModified: 1 })])
    await uploader.whenIdle()
    expect(only(uploader).error).toMatchObject({ code: 'file-changed' })
    expect(provider.calls).not.toContain('complete')
  })

  it('a part plan that does not cover the file exactly is never completed', async () => {
    const provider = recordingProvider()
    const create = provider.createUpload
    // A server plan with a hole: bytes 10..14 would be missing from the stored object.
    provider.createUpload = async (file, plan, ctx) => ({
      ...(await create(file, plan, ctx)),
      plan: [
        { number: 1, offset: 0, size: 10 },
        { number: 2, offset: 15, size: 15 },
      ],
    })
    const { uploader } = make(provider)
    await uploader.addFiles([new File([new Uint8Array(30)], 'a.bin', { lastModified: 1 })])
    await uploader.whenIdle()
    expect(only(uploader).error).toMatchObject({ code: 'file-changed', message: expect.stringMatching(/does not cover the file/) })
    expect(provider.calls).not.toContain('complete')
  })

  it('a file whose size or date differs from when it was added is not uploaded', async () => {
    const provider = recordingProvider()
    const { uploader, sent } = make(provider)
    const file = new File([new Uint8Array(30)], 'a.bin', { lastModified: 5 })
    // The app says when the file was last modified; the File it hands over says otherwise.
    await uploader.addFiles([{ file, name: 'a.bin', lastModified: 4 }])
    await uploader.whenIdle()
    expect(only(uploader).error).toMatchObject({ code: 'file-changed', message: expect.stringMatching(/modified after it was added/) })
    expect(sent).toEqual([])
  })
})
