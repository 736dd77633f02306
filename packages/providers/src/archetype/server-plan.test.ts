import { describe, expect, it } from 'vitest'
import { URL_LIFETIME_MS, checkPlan, readParts, serverPlan } from './server-plan'

const part = (part_number: number, offset: number, length: number, expires_at?: string) => ({
  part_number,
  offset,
  length,
  url: `https://store.example/${part_number}?X-Amz-Signature=x`,
  ...(expires_at ? { expires_at } : {}),
})

describe('Archetype server plan', () => {
  it('echoes part numbers and reads expires_at as epoch ms', () => {
    const [first] = readParts([part(0, 0, 10, '2026-04-28T15:32:18Z')], 'initiate')
    expect(first!.number).toBe(0)
    expect(first!.url.expiresAt).toBe(Date.UTC(2026, 3, 28, 15, 32, 18))
  })

  it('leaves a URL without expires_at undated (the engine gives it the documented hour)', () => {
    const [first] = readParts([part(1, 0, 10)], 'initiate')
    expect(first!.url).toEqual({ number: 1, url: 'https://store.example/1?X-Amz-Signature=x' })
    expect(URL_LIFETIME_MS).toBe(3_600_000)
  })

  it('turns the descriptors into a plan sorted by offset', () => {
    const parts = readParts([part(2, 8, 4), part(1, 0, 8)], 'initiate')
    expect(serverPlan(parts, 12, 2)).toEqual([
      { number: 1, offset: 0, size: 8 },
      { number: 2, offset: 8, size: 4 },
    ])
  })

  it('accepts one empty part for a zero-byte file', () => {
    expect(serverPlan(readParts([part(1, 0, 0)], 'initiate'), 0, 1)).toEqual([{ number: 1, offset: 0, size: 0 }])
  })

  it('refuses plans with gaps, overlaps, repeats, a wrong total or a wrong count', () => {
    expect(() => checkPlan([{ number: 1, offset: 0, size: 8 }, { number: 2, offset: 9, size: 3 }], 12)).toThrow(/tile/)
    expect(() => checkPlan([{ number: 1, offset: 0, size: 8 }, { number: 2, offset: 7, size: 5 }], 12)).toThrow(/tile/)
    expect(() => checkPlan([{ number: 1, offset: 0, size: 8 }, { number: 1, offset: 8, size: 4 }], 12)).toThrow(/tile/)
    expect(() => checkPlan([{ number: 1, offset: 0, size: 8 }], 12)).toThrow(/covers 8/)
    expect(() => serverPlan(readParts([part(1, 0, 12)], 'initiate'), 12, 2)).toThrow(/num_parts/)
    expect(() => readParts([{ part_number: 1, offset: 0, length: 3, url: 'ftp://x' }], 'initiate')).toThrow(/lacks/)
  })
})
