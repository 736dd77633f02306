import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createStore } from 'zustand/vanilla'
import { createPatchBatcher } from './patch-batcher'
import { type UploadFileState, type UploaderState, initialUploaderState } from './state'

const fileState = (id: string): UploadFileState => ({
  id,
  name: id,
  size: 10,
  type: '',
  relativePath: undefined,
  status: 'uploading',
  pausedBy: undefined,
  bytesSent: 0,
  partsTotal: 1,
  partsDone: 0,
  speed: 0,
  etaSeconds: undefined,
  sha256: undefined,
  error: undefined,
  result: undefined,
  addedAt: 0,
  startedAt: 0,
  finishedAt: undefined,
})

/** A store with one file whose subscriber "costs" `cost.ms` of a fake clock per write. */
function setup(options = {}) {
  const store = createStore<UploaderState>()(() => ({ ...initialUploaderState(), files: { a: fileState('a') }, order: ['a'] }))
  const clock = { ms: 0 }
  const cost = { ms: 0 }
  const writes: number[] = []
  store.subscribe((state) => {
    clock.ms += cost.ms
    writes.push(state.files.a!.bytesSent)
  })
  const batcher = createPatchBatcher(store, { now: () => clock.ms, ...options })
  return { store, batcher, cost, writes }
}

describe('patch batcher', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('merges patches into one write per interval', () => {
    const { batcher, writes } = setup()
    for (let sent = 1; sent <= 10; sent++) batcher.patch('a', { bytesSent: sent })
    expect(writes).toEqual([])
    vi.advanceTimersByTime(50)
    expect(writes).toEqual([10])
  })

  it('waits longer after costly writes, keeping them to a 5% share, capped, and recovers when they get cheap', () => {
    const { batcher, cost, writes } = setup()
    cost.ms = 10 // e.g. a 10,000-file list re-rendering
    batcher.patch('a', { bytesSent: 1 })
    vi.advanceTimersByTime(50)
    expect(writes).toEqual([1])
    expect(batcher.delayMs).toBe(200)
    batcher.patch('a', { bytesSent: 2 })
    vi.advanceTimersByTime(199)
    expect(writes).toEqual([1])
    vi.advanceTimersByTime(1)
    expect(writes).toEqual([1, 2])
    cost.ms = 500
    batcher.patch('a', { bytesSent: 3 })
    vi.advanceTimersByTime(200)
    expect(batcher.delayMs).toBe(1000)
    cost.ms = 0
    batcher.patch('a', { bytesSent: 4 })
    vi.advanceTimersByTime(1000)
    expect(writes).toEqual([1, 2, 3, 4])
    expect(batcher.delayMs).toBe(50)
  })

  it('writes at once on flush or patchNow, with what was queued before', () => {
    const { batcher, writes, store } = setup()
    batcher.patch('a', { bytesSent: 5 })
    batcher.patchNow('a', { status: 'done' })
    expect(writes).toEqual([5])
    expect(store.getState().files.a!.status).toBe('done')
    batcher.patch('gone', { bytesSent: 1 })
    batcher.flush()
    expect(store.getState().files.gone).toBeUndefined()
  })
})
