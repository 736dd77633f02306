import { describe, expect, it } from 'vitest'
import { selectFile } from './store/selectors'
import { plainHasher, recordingProvider, response, scriptedTransport } from './testing/fakes'
import { createUploader } from './uploader'

// The README's promise about addFiles, claim by claim: what it refuses (in `rejected`, with a
// code), what it leaves to the upload (provider limits), and the only ways its promise rejects.
const file = (name: string, size = 1, type = '') => new File([new Uint8Array(size)], name, { type })
const make = (options: Partial<Parameters<typeof createUploader>[0]> = {}) =>
  createUploader({ provider: recordingProvider(), hasher: plainHasher, persistence: false, autoStart: false, ...options })

describe('addFiles', () => {
  it('refuses, by restriction, with these codes: restricted, file-too-large, file-empty', async () => {
    const uploader = make({
      restrictions: {
        accept: ['image/*'],
        maxFileSize: 100,
        minFileSize: 1,
        maxFiles: 3,
        maxTotalSize: 150,
        validate: (f) => (f.name.startsWith('bad') ? 'named bad' : f.name.startsWith('throw') ? (() => { throw new Error('boom') })() : undefined),
      },
    })
    const { ids, rejected } = await uploader.addFiles([
      file('a.png', 90, 'image/png'),
      file('doc.txt', 10, 'text/plain'), // not accepted
      file('huge.png', 101, 'image/png'), // over maxFileSize
      file('empty.png', 0, 'image/png'), // under minFileSize, empty
      file('bad.png', 10, 'image/png'), // validate's reason
      file('throw.png', 10, 'image/png'), // validate threw
      file('b.png', 70, 'image/png'), // over maxTotalSize (90 + 70)
      file('c.png', 10, 'image/png'),
      file('d.png', 10, 'image/png'),
      file('e.png', 10, 'image/png'), // over maxFiles
    ])
    expect(ids).toHaveLength(3)
    expect(rejected.map((r) => [r.name, r.error.code])).toEqual([
      ['doc.txt', 'restricted'],
      ['huge.png', 'file-too-large'],
      ['empty.png', 'file-empty'],
      ['bad.png', 'restricted'],
      ['throw.png', 'restricted'],
      ['b.png', 'restricted'],
      ['e.png', 'restricted'],
    ])
    expect(rejected.every((r) => r.error.message.length > 0)).toBe(true)
  })

  it('refuses with code aborted the files not yet added when every file is cancelled', async () => {
    const uploader = make()
    const added = uploader.addFiles(Array.from({ length: 5_000 }, (_, i) => file(`f${i}`)))
    uploader.cancelAll()
    const { ids, rejected } = await added
    expect(ids.length + rejected.length).toBe(5_000)
    expect(rejected.length).toBeGreaterThan(0)
    expect(new Set(rejected.map((r) => r.error.code))).toEqual(new Set(['aborted']))
  })

  it('refuses with code aborted the files not yet added when all are removed or the uploader is disposed; a filtered removeAll stops nothing', async () => {
    const stops = {
      removeAll: (u: ReturnType<typeof make>) => u.removeAll(),
      dispose: (u: ReturnType<typeof make>) => u.dispose(),
    }
    for (const [name, stop] of Object.entries(stops)) {
      const uploader = make()
      const added = uploader.addFiles(Array.from({ length: 5_000 }, (_, i) => file(`f${i}`)))
      stop(uploader)
      const { ids, rejected } = await added
      expect(ids.length + rejected.length, name).toBe(5_000)
      expect(rejected.length, name).toBeGreaterThan(0)
      expect(new Set(rejected.map((r) => r.error.code)), name).toEqual(new Set(['aborted']))
    }
    const uploader = make()
    const added = uploader.addFiles(Array.from({ length: 5_000 }, (_, i) => file(`f${i}`)))
    uploader.removeAll((f) => f.status === 'done')
    expect((await added).ids).toHaveLength(5_000)
    uploader.dispose()
  })

  it("adds a file the provider's limits refuse: it fails when it runs, with a code, before any request", async () => {
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: 10, maxParts: 2, maxFileSize: 20, allowsEmptyFiles: false })
    const { transport, state } = scriptedTransport(() => response(200, { ETag: '"x"' }))
    const uploader = make({ provider, transport, autoStart: true })
    const { ids, rejected } = await uploader.addFiles([file('empty', 0), file('big', 21)])
    expect(rejected).toEqual([])
    await uploader.whenIdle()
    expect(ids.map((id) => selectFile(id)(uploader.store.getState())?.error?.code)).toEqual(['file-empty', 'file-too-large'])
    expect(state.sent).toEqual([])
  })

  it('never throws: its promise rejects, for input that is not files, or when a store listener throws', async () => {
    const uploader = make()
    const call = (input: unknown) => {
      let result: Promise<unknown> | undefined
      expect(() => (result = uploader.addFiles(input as Iterable<File>))).not.toThrow()
      return result!
    }
    await expect(call(null)).rejects.toBeInstanceOf(TypeError)
    await expect(call([{ name: 'no blob' }])).rejects.toBeInstanceOf(TypeError)
    const failing: Iterable<File> = {
      *[Symbol.iterator]() {
        yield file('first')
        throw new Error('the iterable broke')
      },
    }
    await expect(call(failing)).rejects.toMatchObject({ message: expect.stringContaining('the iterable broke') })

    const unsubscribe = uploader.store.subscribe(() => {
      throw new Error('a listener broke')
    })
    await expect(call([file('x')])).rejects.toMatchObject({ message: expect.stringContaining('a listener broke') })
    unsubscribe()
    // And it goes on working afterwards.
    expect((await uploader.addFiles([file('y')])).ids).toHaveLength(1)
  })
})
