import { afterEach, describe, expect, it } from 'vitest'
import { type PersistenceOptions, scopeStorage } from './persistence/persistence'
import { selectFiles } from './store/selectors'
import { plainHasher, recordingProvider, response } from './testing/fakes'
import type { Transport } from './transport/transport'
import { createUploader } from './uploader'

// Real Chromium, real IndexedDB: two people use the same browser one after the other.
const MiB = 1024 * 1024
const disposers: Array<() => void> = []
afterEach(() => disposers.splice(0).forEach((dispose) => dispose()))

function transport(refuse?: (url: string) => boolean) {
  const sent: string[] = []
  const send: Transport = async (request, body, { onProgress }) => {
    onProgress?.(body.size)
    if (refuse?.(request.url)) return response(400, {}, 'refused by test')
    sent.push(request.url)
    return response(200, { ETag: `"${request.url.split('/').pop()}"` })
  }
  return { send, sent }
}

describe('persistence belongs to one account', () => {
  it('user A keeps a file and half an upload; user B on the same page sees and uploads nothing of A\'s', async () => {
    const databaseName = `uplink-accounts-${Date.now()}`
    const alice: PersistenceOptions = { scope: 'alice', databaseName, keepFiles: true }
    const bob: PersistenceOptions = { scope: 'bob', databaseName, keepFiles: true }
    const provider = recordingProvider({ minPartSize: 1, maxPartSize: MiB, maxParts: 100, maxFileSize: 100 * MiB, allowsEmptyFiles: true })
    const file = () => new File([new Uint8Array(3 * MiB).fill(7)], 'payslip.pdf', { type: 'application/pdf', lastModified: 1_700_000_000_000 })

    // Alice's upload stops after one part; her file and her session are kept.
    const first = transport((url) => url.endsWith('/2'))
    const hers = createUploader({ provider, transport: first.send, hasher: plainHasher, partSize: MiB, concurrency: 1, retry: { attempts: 1 }, persistence: alice })
    await hers.addFiles([file()])
    await hers.whenIdle()
    expect(selectFiles(hers.store.getState())[0]!.status).toBe('error')
    hers.dispose()
    await expect.poll(async () => (await scopeStorage(alice).listKept()).length).toBe(1)

    // Bob signs in on the same page.
    const second = transport()
    const his = createUploader({ provider, transport: second.send, hasher: plainHasher, partSize: MiB, persistence: bob })
    disposers.push(() => his.dispose())
    expect(await his.restoreFiles()).toEqual({ ids: [], rejected: [] }) // nothing of Alice's comes back
    expect(selectFiles(his.store.getState())).toEqual([])
    // Bob picks a file that looks the same: it is his upload, not the rest of Alice's.
    provider.calls.length = 0
    await his.addFiles([file()])
    await his.whenIdle()
    expect(selectFiles(his.store.getState())[0]!.status).toBe('done')
    expect(provider.calls.filter((c) => c.startsWith('resume'))).toEqual([])
    expect(provider.calls.filter((c) => c.startsWith('create'))).toEqual(['create payslip.pdf'])
    expect(second.sent.map((u) => u.split('/').pop())).toEqual(['1', '2', '3'])
    expect(provider.completedWith.at(-1)!.map((r) => r.number)).toEqual([1, 2, 3])

    // Alice's records are hers alone, until someone clears them (e.g. her sign-out).
    expect(await scopeStorage(alice).listKept()).toHaveLength(1)
    expect(await scopeStorage(bob).listKept()).toEqual([])
    await his.clearPersistence('alice')
    expect(await scopeStorage(alice).listKept()).toEqual([])
    const names = (await indexedDB.databases()).map((d) => d.name)
    expect(names).toEqual(expect.arrayContaining([`${databaseName}:alice`, `${databaseName}:bob`]))
  })

  it('refuses to keep anything without naming the account', () => {
    const provider = recordingProvider()
    expect(() => createUploader({ provider, persistence: { keepFiles: true } as PersistenceOptions })).toThrow(
      expect.objectContaining({ code: 'invalid-option', message: expect.stringContaining('persistence.scope') }),
    )
  })
})
