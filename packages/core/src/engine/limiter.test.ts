import { describe, expect, it } from 'vitest'
import { createLimiter } from './limiter'

// The shared cap on parts in flight: how many hold a slot at once, who gets a freed slot (the
// longest waiter), and what an abort does to a waiter (leaves the queue, never takes a slot).

/** Lets every settled promise's callbacks run. */
const settle = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

describe('createLimiter', () => {
  it('grants up to max slots at once; the next waits until one is released', async () => {
    const limiter = createLimiter(2)
    const a = await limiter.acquire()
    await limiter.acquire()
    let third = false
    const waiting = limiter.acquire().then((release) => ((third = true), release))
    await settle()
    expect(third).toBe(false)
    a()
    await waiting
    expect(third).toBe(true)
  })

  it('hands freed slots to waiters in arrival order, one per release', async () => {
    const limiter = createLimiter(1)
    const first = await limiter.acquire()
    const granted: string[] = []
    const b = limiter.acquire().then((release) => (granted.push('b'), release))
    const c = limiter.acquire().then((release) => (granted.push('c'), release))
    await settle()
    expect(granted).toEqual([])
    first()
    await settle()
    expect(granted).toEqual(['b'])
    ;(await b)()
    await settle()
    expect(granted).toEqual(['b', 'c'])
    await c
  })

  it('a release called twice frees one slot only', async () => {
    const limiter = createLimiter(1)
    const release = await limiter.acquire()
    const granted: string[] = []
    void limiter.acquire().then(() => granted.push('b'))
    void limiter.acquire().then(() => granted.push('c'))
    release()
    release()
    await settle()
    expect(granted).toEqual(['b'])
  })

  it('a slot released with nobody waiting is free again, and only once', async () => {
    const limiter = createLimiter(1)
    ;(await limiter.acquire())()
    await limiter.acquire()
    let second = false
    void limiter.acquire().then(() => (second = true))
    await settle()
    expect(second).toBe(false)
  })

  it('a waiter handed a slot holds it: the cap stays at max after the hand-over', async () => {
    const limiter = createLimiter(1)
    const first = await limiter.acquire()
    const handedOver = limiter.acquire()
    first()
    await handedOver
    let third = false
    void limiter.acquire().then(() => (third = true))
    await settle()
    expect(third).toBe(false)
  })

  it('rejects at once with the reason of an already aborted signal, taking no slot', async () => {
    const limiter = createLimiter(1)
    const reason = new Error('paused')
    await expect(limiter.acquire(AbortSignal.abort(reason))).rejects.toBe(reason)
    let granted = false
    void limiter.acquire().then(() => (granted = true))
    await settle()
    expect(granted).toBe(true)
  })

  it('a live signal does not stop a free slot being granted', async () => {
    const limiter = createLimiter(1)
    await expect(limiter.acquire(new AbortController().signal)).resolves.toBeTypeOf('function')
  })

  it('an aborted waiter rejects with the reason, leaves the queue, and the slot goes to the next', async () => {
    const limiter = createLimiter(1)
    const first = await limiter.acquire()
    const controller = new AbortController()
    const granted: string[] = []
    const aborted = limiter.acquire(controller.signal).then(() => granted.push('aborted'))
    const next = limiter.acquire().then((release) => (granted.push('next'), release))
    const reason = new Error('cancelled')
    controller.abort(reason)
    await expect(aborted).rejects.toBe(reason)
    first()
    await next
    expect(granted).toEqual(['next'])
  })

  it('aborting a waiter removes only that waiter, not the one queued before it', async () => {
    const limiter = createLimiter(1)
    const first = await limiter.acquire()
    const controller = new AbortController()
    const granted: string[] = []
    const earlier = limiter.acquire().then((release) => (granted.push('earlier'), release))
    const later = limiter.acquire(controller.signal).then(() => granted.push('later'))
    later.catch(() => undefined)
    controller.abort(new Error('cancelled'))
    first()
    await earlier
    await settle()
    expect(granted).toEqual(['earlier'])
  })

  it('a waiter granted its slot stops listening: aborting its signal later changes nothing', async () => {
    const limiter = createLimiter(1)
    const first = await limiter.acquire()
    const controller = new AbortController()
    const mine = limiter.acquire(controller.signal)
    const granted: string[] = []
    const other = limiter.acquire().then((release) => (granted.push('other'), release))
    first()
    const release = await mine
    controller.abort(new Error('late'))
    await settle()
    // Had the grant left its abort listener, the abort would splice the queue and drop `other`.
    release()
    await other
    expect(granted).toEqual(['other'])
  })

  it('a waiter that is aborted after its grant keeps its slot', async () => {
    const limiter = createLimiter(1)
    const first = await limiter.acquire()
    const controller = new AbortController()
    const mine = limiter.acquire(controller.signal)
    first()
    await mine
    controller.abort(new Error('late'))
    let granted = false
    void limiter.acquire().then(() => (granted = true))
    await settle()
    expect(granted).toBe(false)
  })
})
