import { afterEach, describe, expect, it } from 'vitest'
import { selectFiles } from './store/selectors'
import { recordingProvider, response } from './testing/fakes'
import type { Transport } from './transport/transport'
import { createUploader } from './uploader'

// Pay for what you use: a page that needs no checksum starts no worker and loads no hashing
// code (nor hash-wasm's WebAssembly). In its own file, so this document has loaded nothing yet.
const restore: Array<() => void> = []
afterEach(() => restore.splice(0).forEach((undo) => undo()))

function countWorkers() {
  const Original = globalThis.Worker
  const counter = { created: 0 }
  globalThis.Worker = class extends Original {
    constructor(...args: ConstructorParameters<typeof Worker>) {
      super(...args)
      counter.created++
    }
  }
  restore.push(() => void (globalThis.Worker = Original))
  return counter
}

const accept: Transport = async (request, body, { onProgress }) => {
  onProgress?.(body.size)
  return response(200, { ETag: `"${request.url.split('/').pop()}"` })
}
const hashingModules = () =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => /hash-jobs|hash-wasm|hash\.worker|@noble/.test(name))

describe('pay for what you use', () => {
  it('no checksum: no worker is started and no hashing code is loaded; a checksum starts the worker on demand', async () => {
    const workers = countWorkers()
    const limits = { minPartSize: 1, maxPartSize: 1024 * 1024, maxParts: 100, maxFileSize: 1e9, allowsEmptyFiles: true }
    const plain = createUploader({ provider: recordingProvider(limits), transport: accept, persistence: false, partSize: 256 * 1024 })
    await plain.addFiles([new File([new Uint8Array(1024 * 1024)], 'plain.bin')])
    await plain.whenIdle()
    expect(selectFiles(plain.store.getState())[0]!.status).toBe('done')
    expect(workers.created).toBe(0)
    expect(hashingModules()).toEqual([])
    plain.dispose()

    const checked = createUploader({ provider: { ...recordingProvider(limits), partChecksum: 'md5' }, transport: accept, persistence: false, partSize: 256 * 1024 })
    await checked.addFiles([new File([new Uint8Array(1024 * 1024)], 'checked.bin')])
    await checked.whenIdle()
    expect(selectFiles(checked.store.getState())[0]!.status).toBe('done')
    expect(checked.store.getState().hashingMode).toBe('worker')
    expect(workers.created).toBeGreaterThan(0)
    checked.dispose()
  })
})
