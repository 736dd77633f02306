import { describe, expect, it } from 'vitest'
import { UploadError } from '../errors'
import type { FileInfo, IssuedUrl, SingleUrlSource } from '../types'
import { createSmallFileUrls } from './small-file-urls'

const files: FileInfo[] = Array.from({ length: 10 }, (_, i) => ({ name: `f${i}.txt`, size: 100 + i, type: 'text/plain', lastModified: 0 }))

/** A signer of many files at once that records each call; `refuse` names files it refuses alone. */
function source(options: { maxBatch?: number; refuse?: string[]; ttl?: number } = {}) {
  const calls: string[][] = []
  let serial = 0
  const urls: SingleUrlSource = {
    maxBatch: options.maxBatch ?? 100,
    async fetch(asked) {
      calls.push(asked.map(({ file }) => file.name))
      serial++
      return asked.map(({ number, file }): IssuedUrl | UploadError =>
        options.refuse?.includes(file.name)
          ? new UploadError({ code: 'server-rejected', message: `${file.name} is not accepted here.`, status: 422 })
          : { number, key: `uploads/${file.name}`, url: `https://s3.test/uploads/${file.name}?v=${serial}&X-Amz-Expires=${options.ttl ?? 900}` },
      )
    },
  }
  return { urls, calls }
}

describe('small-file URLs', () => {
  it('signs the file asked for with the files after it in one call; they find their URLs waiting', async () => {
    const { urls, calls } = source()
    const book = createSmallFileUrls(urls, 1000)
    const after = (i: number) => () => files.slice(i + 1)
    const first = await book.get(files[0]!, after(0))
    expect(first).toMatchObject({ key: 'uploads/f0.txt', url: expect.stringContaining('f0.txt?v=1') })
    for (let i = 1; i < files.length; i++) expect((await book.get(files[i]!, after(i))).key).toBe(`uploads/f${i}.txt`)
    expect(calls).toEqual([files.map((f) => f.name)])
    expect(book.fetches).toBe(1)
  })

  it('files asking at once share one call, and batches stop at the API cap', async () => {
    const { urls, calls } = source({ maxBatch: 4 })
    const book = createSmallFileUrls(urls, 1000)
    const all = () => files
    await Promise.all(files.slice(0, 4).map((file) => book.get(file, all)))
    expect(calls).toEqual([['f0.txt', 'f1.txt', 'f2.txt', 'f3.txt']])
    await book.get(files[4]!, all)
    expect(calls[1]).toEqual(['f4.txt', 'f5.txt', 'f6.txt', 'f7.txt'])
  })

  it('a file refused alone fails with the API reason; the others of its batch are signed', async () => {
    const { urls } = source({ refuse: ['f2.txt'] })
    const book = createSmallFileUrls(urls, 1000)
    await book.get(files[0]!, () => files.slice(1, 5))
    await expect(book.get(files[2]!, () => [])).rejects.toMatchObject({ code: 'server-rejected', status: 422 })
    expect((await book.get(files[3]!, () => [])).key).toBe('uploads/f3.txt')
    // Forgotten (the file was given up), a retry asks again.
    book.forget(files[2]!)
    await expect(book.get(files[2]!, () => [])).rejects.toMatchObject({ code: 'server-rejected' })
  })

  it('after an expired answer, every URL issued with it is signed again in one call', async () => {
    const { urls, calls } = source()
    const book = createSmallFileUrls(urls, 1000)
    const first = await book.get(files[0]!, () => files.slice(1, 4))
    book.expired(first)
    const again = await book.get(files[0]!, () => files.slice(1, 4))
    expect(again.url).toContain('v=2')
    for (const file of files.slice(1, 4)) expect((await book.get(file, () => [])).url).toContain('v=2')
    expect(calls).toHaveLength(2)
  })

  it('an answer with a URL count that does not match the files asked for is a bad response', async () => {
    const urls: SingleUrlSource = { maxBatch: 10, fetch: async () => [] }
    await expect(createSmallFileUrls(urls, 1000).get(files[0]!, () => files.slice(1, 3))).rejects.toMatchObject({ code: 'bad-response' })
  })
})
