import { describe, expect, it } from 'vitest'
import { envelopeResult, readPartUrls } from './envelope'

const url = (n: number) => `https://storage.example/p/k?partNumber=${n}&X-Amz-Expires=43200`

describe('Gjirafa envelope', () => {
  it('returns the result of a successful envelope', () => {
    expect(envelopeResult({ success: true, errors: [], messages: [], result: true, resultInfo: null, statusCode: 200 }, 'complete')).toBe(true)
  })

  it('turns success: false into a typed refusal that names the errors', () => {
    expect(() => envelopeResult({ success: false, errors: ['Parts not uploaded: 2.'], result: null, statusCode: 400 }, 'complete')).toThrow(
      expect.objectContaining({ code: 'server-rejected', status: 400, message: expect.stringContaining('Parts not uploaded: 2.') }),
    )
  })

  it('refuses something that is not an envelope', () => {
    expect(() => envelopeResult({ unexpected: true }, 'initiate')).toThrow(expect.objectContaining({ code: 'bad-response' }))
    expect(() => envelopeResult('<html>', 'initiate')).toThrow(expect.objectContaining({ code: 'bad-response' }))
  })
})

describe('Gjirafa part URLs', () => {
  it('echoes part numbers 1..N in any order', () => {
    const urls = readPartUrls([{ partNumber: 2, presignedUrl: url(2) }, { partNumber: 1, presignedUrl: url(1) }], 2, 'initiate')
    expect(urls).toEqual([{ partNumber: 2, url: url(2) }, { partNumber: 1, url: url(1) }])
  })

  it('numbers by position when the server sends 0 placeholders', () => {
    const urls = readPartUrls([{ partNumber: 0, presignedUrl: url(1) }, { partNumber: 0, presignedUrl: url(2) }], 2, 'initiate')
    expect(urls.map((u) => u.partNumber)).toEqual([1, 2])
  })

  it('refuses a URL count that differs from partsNumber, or an entry without a URL', () => {
    expect(() => readPartUrls([{ partNumber: 1, presignedUrl: url(1) }], 2, 'initiate')).toThrow(/1 part URLs for 2 parts/)
    expect(() => readPartUrls([{ partNumber: 1 }], 1, 'initiate')).toThrow(/no URL/)
  })
})
