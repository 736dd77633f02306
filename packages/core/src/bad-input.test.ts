import { describe, expect, it } from 'vitest'
import type { UploadErrorCode } from './errors'
import type { FileInput } from './files/add-files'
import type { UploaderOptions } from './options/uploader-options'
import { selectFiles } from './store/selectors'
import { type RecordingProvider, plainHasher, recordingProvider, response, scriptedTransport, smallLimits } from './testing/fakes'
import type { PartResponse } from './types'
import { createUploader } from './uploader'

// The README's bad-input table, the rows the engine decides alone (the rows that need a real
// server are in packages/providers/src/contract/engine-guarantees.contract.browser.test.ts).
// Each bad file goes in with a good one: the bad one gets its code, the good one is stored.
const ok = (url: string) => response(200, { ETag: `"${url.split('/').pop()}"` })
const good = () => new File([new Uint8Array(25).fill(1)], 'good.bin', { lastModified: 1 })

interface Row {
  input: string
  code: UploadErrorCode
  /** Refused when added (never reaches the queue), rather than failing when it runs. */
  atAdd?: boolean
  file: () => FileInput
  provider?: (provider: RecordingProvider) => RecordingProvider
  options?: Partial<UploaderOptions>
  answer?: (url: string, attempt: number) => PartResponse | Promise<PartResponse>
}

class ShortFile extends File {
  override slice(start?: number, end?: number, type?: string): Blob {
    return super.slice(start, end === undefined ? end : end - 1, type)
  }
}

const rows: Row[] = [
  {
    input: 'a 0-byte file, where the storage takes no empty file',
    code: 'file-empty',
    file: () => new File([], 'empty.bin'),
    provider: (p) => ({ ...p, limits: { ...p.limits, allowsEmptyFiles: false } }),
  },
  { input: 'a file over restrictions.maxFileSize', code: 'file-too-large', atAdd: true, file: () => new File([new Uint8Array(101)], 'big.bin'), options: { restrictions: { maxFileSize: 100 } } },
  { input: 'a file of a type restrictions.accept refuses', code: 'restricted', atAdd: true, file: () => new File(['MZ'], 'setup.exe'), options: { restrictions: { accept: '.bin' } } },
  {
    input: 'a file over the largest the storage accepts',
    code: 'file-too-large',
    file: () => new File([new Uint8Array(2000)], 'huge.bin'),
    provider: (p) => ({ ...p, limits: { ...p.limits, maxFileSize: 1000 } }),
  },
  {
    input: 'a file that needs more parts than the storage allows',
    code: 'too-many-parts',
    file: () => new File([new Uint8Array(900)], 'many.bin'),
    provider: (p) => ({ ...p, limits: { ...p.limits, maxPartSize: 100, maxParts: 5 } }),
  },
  { input: 'a part the server refuses (400)', code: 'server-rejected', file: () => new File([new Uint8Array(25)], 'refused.bin'), answer: (url) => (url.includes('refused') ? response(400, {}, '<Error/>') : ok(url)) },
  {
    input: 'a server that keeps failing (503)',
    code: 'http',
    file: () => new File([new Uint8Array(25)], 'down.bin'),
    answer: (url) => (url.includes('down') ? response(503) : ok(url)),
  },
  { input: 'a file whose slice reads short (it shrank on disk)', code: 'file-changed', file: () => new ShortFile([new Uint8Array(25)], 'short.bin') },
  {
    input: 'a file whose date is not the one it was added with',
    code: 'file-changed',
    file: () => ({ file: new File([new Uint8Array(25)], 'moved.bin', { lastModified: 9 }), name: 'moved.bin', lastModified: 8 }),
  },
  {
    input: 'an API call that never answers (and an adapter that ignores the abort)',
    code: 'timeout',
    file: () => new File([new Uint8Array(25)], 'hang.bin'),
    provider: (p) => ({ ...p, createUpload: (file, plan, ctx) => (file.name === 'hang.bin' ? new Promise(() => {}) : p.createUpload(file, plan, ctx)) }),
    options: { apiTimeoutMs: 30 },
  },
]

describe('bad input: each gets its typed error, and the other files are untouched', () => {
  for (const row of rows) {
    it(`${row.input} -> ${row.code}`, async () => {
      const provider = (row.provider ?? ((p) => p))(recordingProvider(smallLimits))
      const { transport } = scriptedTransport(row.answer ?? ok)
      const uploader = createUploader({ provider, transport, hasher: plainHasher, partSize: 10, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 }, ...row.options })
      const { ids, rejected } = await uploader.addFiles([row.file(), good()])
      await uploader.whenIdle()
      const files = selectFiles(uploader.store.getState())
      if (row.atAdd) {
        expect(rejected.map((r) => r.error.code)).toEqual([row.code])
        expect(ids).toHaveLength(1)
      } else {
        expect(rejected).toEqual([])
        expect(files[0]).toMatchObject({ status: 'error', error: { code: row.code } })
        expect(files[0]!.error!.message.length).toBeGreaterThan(10) // a sentence a person can read
      }
      expect(files.at(-1)).toMatchObject({ name: 'good.bin', status: 'done' })
      expect(provider.completedWith.map((receipts) => receipts.reduce((sum, r) => sum + r.size, 0))).toEqual([25])
      uploader.dispose()
    })
  }
})
