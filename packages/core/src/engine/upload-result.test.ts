import { describe, expect, it } from 'vitest'
import type { StoredObject } from '../types'
import { uploadResult } from './upload-result'

describe('uploadResult', () => {
  it('sets location to the URL where the adapter reports one', () => {
    expect(uploadResult({ key: 'a/b.txt', url: 'https://bucket.test/a/b.txt', etag: '"e"' })).toEqual({
      key: 'a/b.txt',
      url: 'https://bucket.test/a/b.txt',
      etag: '"e"',
      location: 'https://bucket.test/a/b.txt',
    })
  })

  it('sets location to the key where there is no URL, keeping extra fields', () => {
    expect(uploadResult({ key: '123', id: 123, uploaded: true })).toEqual({ key: '123', id: 123, uploaded: true, location: '123' })
  })

  it('overrides a location an adapter set itself: the rule lives here only', () => {
    expect(uploadResult({ key: 'k', location: 'elsewhere' } as StoredObject).location).toBe('k')
  })

  it('refuses a result without a key (or with a URL that is not a string) as a bad response', () => {
    for (const bad of [{}, { key: '' }, { key: 42 }, null, { key: 'k', url: 7 }] as unknown as StoredObject[]) {
      expect(() => uploadResult(bad)).toThrow(expect.objectContaining({ code: 'bad-response' }) as Error)
    }
  })
})
