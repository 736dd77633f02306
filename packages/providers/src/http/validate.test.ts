import { describe, expect, it } from 'vitest'
import { badResponse, expectObject, expectString } from './validate'

describe('untrusted JSON readers', () => {
  it('expectObject takes a plain object and refuses null, arrays and scalars as bad-response', () => {
    const value = { a: 1 }
    expect(expectObject(value, 'the answer')).toBe(value)
    for (const wrong of [null, undefined, [], 'x', 3, true]) {
      expect(() => expectObject(wrong, 'the answer')).toThrow(expect.objectContaining({ code: 'bad-response', message: expect.stringContaining('the answer is not an object') }))
    }
  })

  it('expectString takes a non-empty string and refuses missing, empty or mistyped fields, naming the field', () => {
    expect(expectString({ id: 'u1' }, 'id', 'the session')).toBe('u1')
    for (const wrong of [{}, { id: '' }, { id: 7 }, { id: null }, { id: ['u1'] }]) {
      expect(() => expectString(wrong, 'id', 'the session')).toThrow(expect.objectContaining({ code: 'bad-response', message: expect.stringContaining('the session.id is missing or not a string') }))
    }
  })

  it('badResponse is a typed, non-retryable error that says the answer was not understood', () => {
    const error = badResponse('no uploadId')
    expect(error).toMatchObject({ code: 'bad-response', retryable: false })
    expect(error.message).toBe("The server's answer was not understood: no uploadId.")
  })
})
