import { describe, expect, it } from 'vitest'
import { openMemoryScope } from './memory-storage'
import type { RecordWrites, ScopeStorage } from './records'
import { FINISHED_DELAY_MS, type KeepCandidate, type WriteBatchOptions, createWriteBatch } from './write-batch'

/** A memory scope that logs every call reaching it: each call stands for one transaction. */
function countingScope(overrides: Partial<ScopeStorage> = {}) {
  const inner = openMemoryScope(`write-batch-${Math.random()}`)
  const calls: Array<{ method: string; writes?: RecordWrites }> = []
  const counted = Object.fromEntries(
    Object.entries(inner).map(([method, fn]) => [
      method,
      (...args: unknown[]) => {
        calls.push(method === 'apply' ? { method, writes: args[0] as RecordWrites } : { method })
        const override = overrides[method as keyof ScopeStorage] as ((...a: unknown[]) => Promise<unknown>) | undefined
        return (override ?? (fn as (...a: unknown[]) => Promise<unknown>))(...args)
      },
    ]),
  ) as unknown as ScopeStorage
  return { inner, counted, calls }
}

/** A timer the test fires by hand: the finished-files window without the clock. */
function manualTimer() {
  const armed: Array<{ run: () => void; ms: number; live: boolean }> = []
  const setTimer: WriteBatchOptions['setTimer'] = (run, ms) => {
    const timer = { run, ms, live: true }
    armed.push(timer)
    return () => void (timer.live = false)
  }
  const fire = () => {
    for (const timer of armed.splice(0)) if (timer.live) timer.run()
  }
  return { setTimer, fire, live: () => armed.filter((t) => t.live) }
}

const candidate = (i: number): KeepCandidate => ({ key: `k${i}`, name: `f${i}.bin`, relativePath: undefined, file: new File(['x'], `f${i}.bin`), handle: undefined })
const options = (extra: Partial<WriteBatchOptions> = {}): WriteBatchOptions => ({ keepFiles: true, resume: true, maxKeptFileSize: 1024, lifetimeMs: 60_000, ...extra })
const applies = (calls: Array<{ method: string }>) => calls.filter((c) => c.method === 'apply').length

describe('write batch', () => {
  it('keeps 1,000 added files in one transaction per flush (the uploader flushes once per slice)', async () => {
    const { counted, calls, inner } = countingScope()
    const timer = manualTimer()
    const batch = createWriteBatch(counted, options({ setTimer: timer.setTimer }))
    for (let i = 0; i < 1000; i++) batch.keep(candidate(i), Date.now())
    expect(calls).toEqual([]) // nothing written per file
    await batch.flush()
    expect(applies(calls)).toBe(1)
    expect(calls[0]!.writes!.putKept).toHaveLength(1000)
    expect(await inner.listKept()).toHaveLength(1000)
    timer.fire() // the safety-net timer finds nothing left
    expect(applies(calls)).toBe(1)
  })

  it('forgets 1,000 finished files in one transaction per window, their resume records with them', async () => {
    const { counted, calls, inner } = countingScope()
    const timer = manualTimer()
    const batch = createWriteBatch(counted, options({ setTimer: timer.setTimer }))
    for (let i = 0; i < 1000; i++) batch.keep(candidate(i), Date.now())
    await batch.flush()
    await inner.putSession({ key: 'k0', provider: 'p', snapshot: {}, plan: [], createdAt: 1, expiresAt: Date.now() + 60_000 })
    calls.length = 0
    // Files finish in 4 windows, each in its own task.
    for (let window = 0; window < 4; window++) {
      for (let i = window * 250; i < (window + 1) * 250; i++) {
        batch.finished(`k${i}`, i === 0)
        await new Promise((r) => setTimeout(r, 0))
      }
      expect(timer.live().map((t) => t.ms)).toEqual([FINISHED_DELAY_MS])
      timer.fire()
    }
    await batch.flush()
    expect(applies(calls)).toBe(4)
    expect(calls.map((c) => c.writes!.deleteKept.length)).toEqual([250, 250, 250, 250])
    expect(calls[0]!.writes!.deleteUploads).toEqual(['k0']) // only the file that had a session
    expect(await inner.listKept()).toEqual([])
    expect(await inner.getUpload('k0')).toBeUndefined()
  })

  it('a file kept and finished before a flush is only deleted; removed files are forgotten at once', async () => {
    const { counted, calls } = countingScope()
    const batch = createWriteBatch(counted, options({ setTimer: manualTimer().setTimer }))
    batch.keep(candidate(1), Date.now())
    batch.finished('k1', false)
    await batch.flush()
    expect(calls[0]!.writes).toEqual({ putKept: [], deleteKept: ['k1'], deleteUploads: [] })
    batch.forget(['k2', 'k3'])
    expect(calls[1]!.writes).toEqual({ putKept: [], deleteKept: ['k2', 'k3'], deleteUploads: ['k2', 'k3'] })
  })

  it('reads and writes of a key with pending work see it written first', async () => {
    const { counted, inner } = countingScope()
    const batch = createWriteBatch(counted, options({ setTimer: manualTimer().setTimer }))
    await inner.putSession({ key: 'k1', provider: 'p', snapshot: {}, plan: [], createdAt: 1, expiresAt: Date.now() + 60_000 })
    batch.keep(candidate(2), Date.now())
    batch.finished('k1', true)
    expect(await batch.storage.getUpload('k1')).toBeUndefined()
    expect((await batch.storage.listKept()).map((k) => k.key)).toEqual(['k2'])
  })

  it('clear drops what is pending, so nothing comes back after it', async () => {
    const { counted, inner } = countingScope()
    const batch = createWriteBatch(counted, options({ setTimer: manualTimer().setTimer }))
    batch.keep(candidate(1), Date.now())
    await batch.storage.clear()
    await batch.flush()
    expect(await inner.listKept()).toEqual([])
  })

  it('close writes what is pending, then drops every write; a failing database rejects nothing', async () => {
    const { counted, calls, inner } = countingScope()
    const timer = manualTimer()
    const batch = createWriteBatch(counted, options({ setTimer: timer.setTimer }))
    batch.keep(candidate(1), Date.now())
    batch.keep(candidate(2), Date.now())
    await batch.flush()
    batch.finished('k1', false)
    batch.close()
    expect(timer.live()).toEqual([])
    expect(applies(calls)).toBe(2)
    const before = calls.length
    batch.keep(candidate(3), Date.now())
    batch.finished('k2', true)
    batch.forget(['k2'])
    await batch.storage.putPart({ key: 'k2', number: 1, size: 1 })
    await batch.storage.putSession({ key: 'k2', provider: 'p', snapshot: {}, plan: [], createdAt: 1, expiresAt: 2 })
    await batch.storage.deleteKept(['k2'])
    await batch.flush()
    expect(calls.length).toBe(before)
    expect((await inner.listKept()).map((k) => k.key)).toEqual(['k2'])

    const failing = countingScope({ apply: () => Promise.reject(new Error('disk full')) })
    const broken = createWriteBatch(failing.counted, options({ setTimer: manualTimer().setTimer }))
    broken.keep(candidate(1), Date.now())
    await expect(broken.flush()).resolves.toBeUndefined()
    broken.finished('k1', true)
    broken.close() // an unhandled rejection here would fail the run
    await broken.flush()
  })

  it('keeps nothing when persistence keeps neither files nor resume records', () => {
    const { counted, calls } = countingScope()
    const timer = manualTimer()
    const batch = createWriteBatch(counted, options({ keepFiles: false, resume: false, setTimer: timer.setTimer }))
    batch.finished('k1', true)
    batch.forget(['k1'])
    expect(timer.live()).toEqual([])
    expect(calls).toEqual([])
  })
})
