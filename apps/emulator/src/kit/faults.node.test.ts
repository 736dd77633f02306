import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { createFaults, partIdentity, withFaults } from './faults'

const part = (n: number) => partIdentity(`/storage/b/key?partNumber=${n}&X-Amz-Signature=${Math.random()}`, () => null)

describe('fault rules', () => {
  it('a streak hits the same part again on its next attempts, whatever failRate draws, and no other part', () => {
    const faults = createFaults([])
    faults.set([{ route: 'storage.put', resetAfterBody: true, streak: 3, skip: 1, times: 1 }])
    const drawn = [1, 2, 3, 2, 2, 2, 4].map((n) => faults.draw('storage.put', part(n)).resetAfterBody)
    // Part 2 is hit first (skip 1), then on its next two attempts (fresh signatures), then let through.
    expect(drawn).toEqual([false, true, false, true, true, false, false])
    expect(faults.list()[0]!.hits).toBe(3)
  })

  it('names a part by path, part number and tus offset, not by its signature', () => {
    const header = (offset: string) => (name: string) => (name === 'upload-offset' ? offset : null)
    expect(partIdentity('/s?partNumber=2&X-Amz-Signature=a', () => null)).toBe(partIdentity('/s?partNumber=2&X-Amz-Signature=b', () => null))
    expect(partIdentity('/t/files/x', header('0'))).not.toBe(partIdentity('/t/files/x', header('5')))
  })

  it('draws a seeded rule from the same sequence on every run, and another seed from another', () => {
    const draws = (seed: number) => {
      const faults = createFaults([{ route: 'storage.put', failRate: 0.3, status: 503, seed }])
      return Array.from({ length: 200 }, (_, i) => faults.draw('storage.put', part(i)).fail !== undefined)
    }
    const first = draws(7)
    expect(draws(7)).toEqual(first)
    expect(draws(8)).not.toEqual(first)
    // Still a share of about failRate (the sequence is not constant).
    expect(first.filter(Boolean).length).toBeGreaterThan(30)
    expect(first.filter(Boolean).length).toBeLessThan(90)
  })

  it('hits one part at most perPart times, whatever failRate draws', () => {
    const faults = createFaults([{ route: 'storage.put', failRate: 1, status: 503, perPart: 1 }])
    const failed = [1, 1, 2, 1, 2, 3].map((n) => faults.draw('storage.put', part(n)).fail?.status)
    expect(failed).toEqual([503, undefined, 503, undefined, undefined, 503])
  })

  it('puts rules with distinctParts on parts of their own: one fault kind per part, in any order of arrival', () => {
    const faults = createFaults([
      { route: 'storage.put', status: 500, times: 1, distinctParts: true },
      { route: 'storage.put', resetAfterBody: true, times: 1, distinctParts: true },
      { route: 'storage.put', resetAfterBody: true, streak: 2, times: 1, distinctParts: true },
    ])
    const outcome = (n: number) => {
      const drawn = faults.draw('storage.put', part(n))
      return drawn.fail ? drawn.fail.status : drawn.resetAfterBody ? 'reset' : 'ok'
    }
    // Part 2 comes first and takes the 500; part 2 again is left alone (the reset goes to part 1,
    // the streak to part 3 and its next attempt), then nothing is left.
    expect([2, 2, 1, 1, 3, 3, 3, 4].map(outcome)).toEqual([500, 'ok', 'reset', 'ok', 'reset', 'reset', 'ok', 'ok'])
    expect(faults.list().map((rule) => rule.hits)).toEqual([1, 1, 2])
  })

  it('fails a request once: a second failing rule leaves it to the first and waits for the next request', () => {
    const faults = createFaults([
      { route: 'storage.put', status: 500, times: 1 },
      { route: 'storage.put', resetAfterBody: true, times: 1 },
      { route: 'storage.put', latencyMs: 5, times: 2 },
    ])
    const drawn = [1, 2, 3].map((n) => faults.draw('storage.put', part(n)))
    expect(drawn.map((d) => [d.fail?.status, d.resetAfterBody, d.latencyMs])).toEqual([
      [500, false, 5],
      [undefined, true, 5],
      [undefined, false, 0],
    ])
    expect(faults.list().map((rule) => rule.hits)).toEqual([1, 1, 2])
  })

  it('a reset after the body starts an answer first, so a browser cannot silently send the request again', async () => {
    const faults = createFaults([{ route: 'storage.put', resetAfterBody: true, times: 1 }])
    let handled = 0
    const app = new Hono().put('/part', withFaults(faults, 'storage.put'), (c) => {
      handled++
      return c.body(null, 200)
    })
    const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 })
    await new Promise<void>((resolve) => server.once('listening', () => resolve()))
    const { port } = server.address() as AddressInfo
    try {
      // What the client gets before the connection dies: a status line (Chromium re-sends only
      // when a reused connection dies before any answer), then no whole answer.
      const got = await new Promise<{ status?: number; error?: string }>((resolve) => {
        const request = http.request({ host: '127.0.0.1', port, method: 'PUT', path: '/part' }, (response) => {
          response.on('data', () => undefined)
          response.on('error', (error) => resolve({ status: response.statusCode!, error: error.message }))
          response.on('end', () => resolve({ status: response.statusCode! }))
        })
        request.on('error', (error) => resolve({ error: error.message }))
        request.end(Buffer.alloc(64 * 1024, 1))
      })
      expect(got).toEqual({ status: 500, error: 'aborted' })
      // The request was not handled (nothing stored), unlike a cut answer (dropResponse).
      expect(handled).toBe(0)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
