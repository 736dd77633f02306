import { afterEach, describe, expect, it, vi } from 'vitest'
import { newFileState, prepareFile } from './add-files'

const counters = () => ({ count: 0, totalSize: 0 })
const NOW = 1_700_000_000_000

describe('prepareFile', () => {
  it('takes a File as it is: its name, size, type, date and folder path', () => {
    const file = new File(['hello'], 'a.txt', { type: 'text/plain', lastModified: 42 })
    Object.defineProperty(file, 'webkitRelativePath', { value: 'docs/a.txt' })
    const outcome = prepareFile(file, undefined, counters(), NOW)
    if (!('accepted' in outcome)) throw new Error('refused')
    const { accepted } = outcome
    expect(accepted.blob).toBe(file)
    expect(accepted.handle).toBeUndefined()
    expect(accepted.info).toEqual({ name: 'a.txt', size: 5, type: 'text/plain', lastModified: 42, relativePath: 'docs/a.txt' })
    expect(accepted.state).toMatchObject({ name: 'a.txt', size: 5, type: 'text/plain', relativePath: 'docs/a.txt', addedAt: NOW, status: 'queued' })
  })

  it('a File picked outside a folder has no relative path at all (not an empty one)', () => {
    const file = new File(['x'], 'b.bin')
    // What a browser gives a file picked outside a folder (jsdom has no such property).
    Object.defineProperty(file, 'webkitRelativePath', { value: '' })
    const outcome = prepareFile(file, undefined, counters(), NOW)
    if (!('accepted' in outcome)) throw new Error('refused')
    expect('relativePath' in outcome.accepted.info).toBe(false)
    expect(outcome.accepted.state.relativePath).toBeUndefined()
  })

  it('takes a named Blob with its own name, path, date and handle', () => {
    const handle = { kind: 'file', name: 'c.bin' } as unknown as FileSystemFileHandle
    const blob = new Blob(['abc'], { type: 'application/octet-stream' })
    const outcome = prepareFile({ file: blob, name: 'c.bin', relativePath: 'x/c.bin', lastModified: 7, handle }, undefined, counters(), NOW)
    if (!('accepted' in outcome)) throw new Error('refused')
    expect(outcome.accepted.blob).toBe(blob)
    expect(outcome.accepted.handle).toBe(handle)
    expect(outcome.accepted.info).toEqual({ name: 'c.bin', size: 3, type: 'application/octet-stream', lastModified: 7, relativePath: 'x/c.bin' })
  })

  it("a named Blob without a date takes the wrapped File's date, and a plain Blob's is now", () => {
    const inner = new File(['x'], 'inner', { lastModified: 99 })
    const fromFile = prepareFile({ file: inner, name: 'renamed' }, undefined, counters(), NOW)
    const fromBlob = prepareFile({ file: new Blob(['x']), name: 'plain' }, undefined, counters(), NOW)
    if (!('accepted' in fromFile) || !('accepted' in fromBlob)) throw new Error('refused')
    expect(fromFile.accepted.info.lastModified).toBe(99)
    expect(fromFile.accepted.info.name).toBe('renamed')
    expect(fromBlob.accepted.info.lastModified).toBe(NOW)
  })

  it('counts an accepted file into the counters, and a refused one not, with its reason', () => {
    const current = counters()
    const rules = { maxFileSize: 4 }
    expect('accepted' in prepareFile(new File(['abc'], 'ok'), rules, current, NOW)).toBe(true)
    expect(current).toEqual({ count: 1, totalSize: 3 })
    const refused = prepareFile(new File(['abcde'], 'big'), rules, current, NOW)
    expect(refused).toEqual({ rejected: { name: 'big', size: 5, error: expect.objectContaining({ code: 'file-too-large' }) } })
    expect(current).toEqual({ count: 1, totalSize: 3 })
  })

  it('gives every file its own id', () => {
    const ids = new Set(
      Array.from({ length: 100 }, () => {
        const outcome = prepareFile(new File([], 'e'), undefined, counters(), NOW)
        return 'accepted' in outcome ? outcome.accepted.state.id : ''
      }),
    )
    expect(ids.size).toBe(100)
    expect(ids.has('')).toBe(false)
  })
})

describe('file ids and crypto.getRandomValues', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    vi.resetModules()
  })

  it('take a prefix from the clock instead', async () => {
    vi.stubGlobal('crypto', undefined)
    vi.resetModules()
    const fresh = await import('./add-files')
    const outcome = fresh.prepareFile(new File([], 'e'), undefined, counters(), NOW)
    if (!('accepted' in outcome)) throw new Error('refused')
    expect(outcome.accepted.state.id).toMatch(/^f[0-9a-z]+-1$/)
  })

  it('with it, the prefix is 6 random bytes as 12 hex digits, small bytes padded', async () => {
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes.fill(10) })
    vi.resetModules()
    const fresh = await import('./add-files')
    const outcome = fresh.prepareFile(new File([], 'e'), undefined, counters(), NOW)
    if (!('accepted' in outcome)) throw new Error('refused')
    expect(outcome.accepted.state.id).toBe('0a0a0a0a0a0a-1')
  })
})

describe('newFileState', () => {
  it('is queued with nothing sent, measured or finished', () => {
    const state = newFileState({ id: 'f1', name: 'n', size: 10, type: '', relativePath: undefined, addedAt: 5 })
    expect(state).toEqual({
      id: 'f1',
      name: 'n',
      size: 10,
      type: '',
      relativePath: undefined,
      addedAt: 5,
      status: 'queued',
      pausedBy: undefined,
      bytesSent: 0,
      partsTotal: 0,
      partsDone: 0,
      speed: 0,
      etaSeconds: undefined,
      sha256: undefined,
      error: undefined,
      result: undefined,
      startedAt: undefined,
      finishedAt: undefined,
    })
  })
})
