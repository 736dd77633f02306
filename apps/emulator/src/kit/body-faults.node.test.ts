import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createFaults, withFaults } from './faults'

// corruptBody on any route: the handler behind withFaults reads the body with one byte flipped.
describe('the corruptBody fault', () => {
  const app = (faults: ReturnType<typeof createFaults>) => {
    const hono = new Hono()
    hono.put('/part', withFaults(faults, 'vendor.part'), async (c) => c.body(new Uint8Array(await c.req.arrayBuffer())))
    return hono
  }
  const body = () => Uint8Array.from({ length: 100_000 }, (_, i) => i & 0xff)

  it('flips exactly one byte of the body, once per matching request, keeping its length', async () => {
    const faults = createFaults([{ route: 'vendor.part', corruptBody: true, times: 1 }])
    const sent = body()
    const first = new Uint8Array(await (await app(faults).request('/part', { method: 'PUT', body: sent })).arrayBuffer())
    expect(first.length).toBe(sent.length)
    const differing = [...first.keys()].filter((i) => first[i] !== sent[i])
    expect(differing).toHaveLength(1)
    expect(first[differing[0]!]).toBe(sent[differing[0]!]! ^ 0xff)

    const second = new Uint8Array(await (await app(faults).request('/part', { method: 'PUT', body: sent })).arrayBuffer())
    expect(second).toEqual(sent)
  })
})

describe('the truncateBody fault', () => {
  it('hands the handler the first half of the body, with a Content-Length that matches it', async () => {
    const faults = createFaults([{ route: 'vendor.part', truncateBody: true, times: 1 }])
    const hono = new Hono()
    hono.put('/part', withFaults(faults, 'vendor.part'), async (c) => c.json({ length: c.req.header('content-length'), got: (await c.req.arrayBuffer()).byteLength }))
    const sent = new Uint8Array(1001).fill(7)
    const put = () => hono.request('/part', { method: 'PUT', body: sent, headers: { 'Content-Length': '1001' } })
    expect(await (await put()).json()).toEqual({ length: '500', got: 500 })
    expect(await (await put()).json()).toEqual({ length: '1001', got: 1001 })
  })
})
