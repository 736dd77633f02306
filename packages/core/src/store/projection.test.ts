import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { FILE_STATUSES } from '../engine/file-machine'
import { createProjection } from './projection'
import { fileState } from '../testing/fakes'
import { countTotals } from './totals'

/** A projection with one file whose store subscriber "costs" `cost.ms` of a fake clock per write. */
function setup() {
  const clock = { ms: 0 }
  const cost = { ms: 0 }
  const projection = createProjection({ now: () => clock.ms })
  projection.add([fileState('a')])
  const writes: number[] = []
  projection.store.subscribe((state) => {
    clock.ms += cost.ms
    writes.push(state.files.a?.bytesSent ?? -1)
  })
  return { projection, cost, writes }
}

describe('store projection', () => {
  beforeEach(() => void vi.useFakeTimers())
  afterEach(() => void vi.useRealTimers())

  it('merges changes into one write per interval; the current view sees them at once', () => {
    const { projection, writes } = setup()
    for (let sent = 1; sent <= 10; sent++) projection.patch('a', { bytesSent: sent })
    expect(writes).toEqual([])
    expect(projection.current('a')!.bytesSent).toBe(10)
    expect(projection.totals().bytesSent).toBe(10)
    vi.advanceTimersByTime(50)
    expect(writes).toEqual([10])
    expect(projection.store.getState().totals.bytesSent).toBe(10)
  })

  it('waits longer after costly writes, keeping them to a 5% share, capped, and recovers when they get cheap', () => {
    const { projection, cost, writes } = setup()
    cost.ms = 10 // e.g. a 10,000-file list re-rendering
    projection.patch('a', { bytesSent: 1 })
    vi.advanceTimersByTime(50)
    expect(writes).toEqual([1])
    expect(projection.delayMs).toBe(200)
    projection.patch('a', { bytesSent: 2 })
    vi.advanceTimersByTime(199)
    expect(writes).toEqual([1])
    vi.advanceTimersByTime(1)
    expect(writes).toEqual([1, 2])
    cost.ms = 500
    projection.patch('a', { bytesSent: 3 })
    vi.advanceTimersByTime(200)
    expect(projection.delayMs).toBe(1000)
    cost.ms = 0
    projection.patch('a', { bytesSent: 4 })
    vi.advanceTimersByTime(1000)
    expect(writes).toEqual([1, 2, 3, 4])
    expect(projection.delayMs).toBe(50)
  })

  it('writes added and removed files at once, with what was pending; a change to a removed file is dropped', () => {
    const { projection, writes } = setup()
    projection.patch('a', { bytesSent: 5 })
    projection.add([fileState('b', { size: 20 })])
    expect(writes).toEqual([5]) // the pending change and the new file in one write
    expect(projection.store.getState().files.b).toMatchObject({ id: 'b', size: 20 })
    projection.patch('a', { bytesSent: 6 })
    projection.remove(new Set(['b']))
    expect(writes).toEqual([5, 6]) // the pending change and the removal in one write
    projection.add([fileState('b', { size: 20 })])
    expect(projection.store.getState().order).toEqual(['a', 'b'])
    projection.remove(new Set(['a']))
    expect(projection.store.getState().files.a).toBeUndefined()
    expect(projection.patch('a', { bytesSent: 9 })).toBeUndefined()
    expect(projection.store.getState().totals).toMatchObject({ files: 1, bytesTotal: 20, bytesSent: 0 })
  })

  it('keeps totals equal to a full count through any sequence of changes, without counting', () => {
    const { projection } = setup()
    let seed = 7
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31)
    const ids = ['a']
    for (let step = 0; step < 2000; step++) {
      const roll = random()
      if (roll < 0.1) {
        const id = `f${step}`
        ids.push(id)
        projection.add([fileState(id, { size: Math.floor(random() * 1000), status: 'queued' })])
      } else if (roll < 0.15 && ids.length > 1) {
        projection.remove(new Set([ids.splice(Math.floor(random() * ids.length), 1)[0]!]))
      } else {
        const id = ids[Math.floor(random() * ids.length)]!
        const size = projection.current(id)!.size
        projection.patch(id, { status: FILE_STATUSES[Math.floor(random() * FILE_STATUSES.length)]!, bytesSent: Math.floor(random() * size), speed: random() * 100 })
      }
      if (step % 97 === 0) vi.advanceTimersByTime(50)
    }
    projection.flush()
    const state = projection.store.getState()
    const counted = countTotals(state.order.map((id) => state.files[id]!))
    const { speed, etaSeconds, progress, ...exact } = state.totals
    const { speed: countedSpeed, etaSeconds: countedEta, progress: countedProgress, ...expected } = counted
    expect(exact).toEqual(expected)
    expect(speed).toBeCloseTo(countedSpeed, 6)
    expect(progress).toBeCloseTo(countedProgress, 9)
    expect(etaSeconds === undefined).toBe(countedEta === undefined)
  })
})
