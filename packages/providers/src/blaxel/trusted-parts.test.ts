import { UploadError } from '@uplink/core'
import { describe, expect, it } from 'vitest'
import { trustedParts } from './blaxel-provider'

const plan = [
  { number: 1, offset: 0, size: 10 },
  { number: 2, offset: 10, size: 10 },
  { number: 3, offset: 20, size: 4 },
]
const listed = (partNumber: number, etag: string, size: number) => ({ partNumber, etag, size, uploadedAt: '2024-01-01T12:00:00Z' })

describe('trustedParts (Blaxel resume)', () => {
  it('keeps listed parts whose size matches the plan and whose etag matches our receipt', () => {
    const done = trustedParts([listed(1, 'aa', 10), listed(2, 'bb', 10)], plan, [
      { number: 1, size: 10, token: 'aa' },
      { number: 2, size: 10, token: 'bb' },
    ])
    expect(done).toEqual([
      { number: 1, size: 10, token: 'aa' },
      { number: 2, size: 10, token: 'bb' },
    ])
  })

  it('drops a part the server holds with another etag or size (it is sent again)', () => {
    const done = trustedParts([listed(1, 'changed', 10), listed(2, 'bb', 7)], plan, [{ number: 1, size: 10, token: 'aa' }])
    expect(done).toEqual([])
  })

  it('trusts a part whose answer was lost on size alone, keeping the server etag verbatim', () => {
    expect(trustedParts([listed(3, 'CcDd', 4)], plan, [])).toEqual([{ number: 3, size: 4, token: 'CcDd' }])
  })

  it('refuses a listing it cannot read', () => {
    expect(() => trustedParts([{ partNumber: 1 }], plan, [])).toThrow(UploadError)
  })
})
