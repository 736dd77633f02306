import { describe, expect, it, vi } from 'vitest'
import { createScheduler } from './scheduler'

// Which files run: a FIFO of waiting ids, at most maxActive running, and when the scheduler
// says it is idle. Each run is a promise the test settles by hand.

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/** A scheduler whose runs wait until the test ends them; `started` lists ids in start order. */
function harness(maxActive: number, onIdle?: () => void) {
  const started: string[] = []
  const ends = new Map<string, { resolve: () => void; reject: (error: unknown) => void }>()
  const scheduler = createScheduler({
    maxActive,
    run: (id) =>
      new Promise<void>((resolve, reject) => {
        started.push(id)
        ends.set(id, { resolve, reject })
      }),
    ...(onIdle ? { onIdle } : {}),
  })
  const running = () => [...ends.keys()]
  const finish = async (id: string) => {
    const end = ends.get(id)
    if (!end) throw new Error(`${id} is not running`)
    ends.delete(id)
    end.resolve()
    await settle()
  }
  const fail = async (id: string) => {
    ends.get(id)!.reject(new Error('run failed'))
    ends.delete(id)
    await settle()
  }
  const add = (...ids: string[]) => {
    for (const id of ids) scheduler.enqueue(id)
    scheduler.pump()
  }
  return { scheduler, started, running, finish, fail, add }
}

describe('createScheduler', () => {
  it('starts files in the order they were queued, at most maxActive at once', async () => {
    const s = harness(2)
    s.add('a', 'b', 'c', 'd')
    expect(s.started).toEqual(['a', 'b'])
    await s.finish('b')
    expect(s.started).toEqual(['a', 'b', 'c'])
    await s.finish('a')
    expect(s.started).toEqual(['a', 'b', 'c', 'd'])
    expect(s.running()).toEqual(['c', 'd'])
  })

  it('never runs more than maxActive files, however runs end', async () => {
    const s = harness(3)
    let most = 0
    s.add(...Array.from({ length: 20 }, (_, i) => `f${i}`))
    while (s.running().length > 0) {
      most = Math.max(most, s.running().length)
      // End the newest run first, then the oldest, so slots free up out of order.
      const ids = s.running()
      await s.finish(s.started.length % 2 ? ids[ids.length - 1]! : ids[0]!)
    }
    expect(most).toBe(3)
    expect(s.started).toHaveLength(20)
    expect(new Set(s.started).size).toBe(20)
  })

  it('starts files queued after the queue ran dry', async () => {
    const s = harness(1)
    s.add('a')
    await s.finish('a')
    s.add('b')
    expect(s.started).toEqual(['a', 'b'])
    await s.finish('b')
    s.add('c', 'd')
    expect(s.started).toEqual(['a', 'b', 'c'])
  })

  it('pump does nothing until a file is queued, and queueing alone starts nothing', () => {
    const s = harness(1)
    s.scheduler.pump()
    s.scheduler.enqueue('a')
    expect(s.started).toEqual([])
    expect(s.scheduler.isWaiting('a')).toBe(true)
    s.scheduler.pump()
    expect(s.started).toEqual(['a'])
    expect(s.scheduler.isWaiting('a')).toBe(false)
  })

  it('a dequeued file is skipped and the next waiting one takes its place', async () => {
    const s = harness(1)
    s.add('a', 'b', 'c')
    s.scheduler.dequeue('b')
    expect(s.scheduler.isWaiting('b')).toBe(false)
    await s.finish('a')
    expect(s.started).toEqual(['a', 'c'])
    await s.finish('c')
    expect(s.started).toEqual(['a', 'c'])
  })

  it('queueing a file that already waits is a no-op: it keeps one place in the line', async () => {
    const s = harness(1)
    s.add('a', 'a')
    // 'a' runs and is queued again behind 'b': it must not jump ahead through a second entry.
    s.add('b', 'a')
    await s.finish('a')
    expect(s.started).toEqual(['a', 'b'])
    await s.finish('b')
    expect(s.started).toEqual(['a', 'b', 'a'])
    await s.finish('a')
    expect(s.scheduler.idle).toBe(true)
  })

  it('a file queued again while it runs runs once more after it ends', async () => {
    const s = harness(1)
    s.add('a')
    s.add('a')
    expect(s.running()).toEqual(['a'])
    expect(s.scheduler.isWaiting('a')).toBe(true)
    await s.finish('a')
    expect(s.started).toEqual(['a', 'a'])
  })

  it('a rejected run still frees its slot for the next file', async () => {
    const s = harness(1)
    s.add('a', 'b')
    await s.fail('a')
    expect(s.started).toEqual(['a', 'b'])
    await s.fail('b')
    s.add('c')
    expect(s.started).toEqual(['a', 'b', 'c'])
  })

  it('is idle only when nothing runs and nothing waits', async () => {
    const s = harness(1)
    expect(s.scheduler.idle).toBe(true)
    s.scheduler.enqueue('a')
    expect(s.scheduler.idle).toBe(false)
    s.scheduler.pump()
    expect(s.scheduler.idle).toBe(false)
    s.scheduler.enqueue('b')
    s.scheduler.dequeue('b')
    expect(s.scheduler.idle).toBe(false)
    await s.finish('a')
    expect(s.scheduler.idle).toBe(true)
  })

  it('tells onIdle once, after the last running file ended with nothing waiting', async () => {
    const onIdle = vi.fn()
    const s = harness(2, onIdle)
    s.add('a', 'b', 'c')
    await s.finish('a')
    await s.finish('b')
    expect(onIdle).not.toHaveBeenCalled()
    await s.finish('c')
    expect(onIdle).toHaveBeenCalledTimes(1)
    // And again each time it becomes idle anew.
    s.add('d')
    await s.finish('d')
    expect(onIdle).toHaveBeenCalledTimes(2)
  })

  it('onIdle waits for a file that is still waiting, even with no slot free for it yet', async () => {
    const onIdle = vi.fn()
    const s = harness(1, onIdle)
    s.add('a')
    s.scheduler.enqueue('b') // waits, not pumped
    await s.finish('a')
    expect(s.started).toEqual(['a', 'b'])
    expect(onIdle).not.toHaveBeenCalled()
    await s.finish('b')
    expect(onIdle).toHaveBeenCalledTimes(1)
  })

  it('whenIdle resolves at once when idle, else when the last run ends', async () => {
    const s = harness(1)
    await expect(s.scheduler.whenIdle()).resolves.toBeUndefined()
    s.add('a', 'b')
    let idle = 0
    void s.scheduler.whenIdle().then(() => idle++)
    void s.scheduler.whenIdle().then(() => idle++)
    await s.finish('a')
    expect(idle).toBe(0)
    await s.finish('b')
    expect(idle).toBe(2)
    // A later busy period: a new whenIdle waits for its end.
    s.add('c')
    const again = s.scheduler.whenIdle().then(() => idle++)
    await s.finish('c')
    await again
    expect(idle).toBe(3)
  })

  it('keeps FIFO order across the queue compaction after more than 1024 starts', async () => {
    const s = harness(1)
    const ids = Array.from({ length: 1100 }, (_, i) => `f${i}`)
    s.add(...ids)
    s.scheduler.dequeue('f1050')
    for (let i = 0; i < 1030; i++) await s.finish(s.running()[0]!)
    // Some started files are queued again now, behind the ones still waiting.
    s.add('f3', 'f1')
    while (s.running().length > 0) await s.finish(s.running()[0]!)
    expect(s.started).toEqual([...ids.filter((id) => id !== 'f1050'), 'f3', 'f1'])
  })
})
