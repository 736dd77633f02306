import { describe, expect, it } from 'vitest'
import { readCapabilities } from './discovery'
import { encodeUploadMetadata } from './metadata'
import { planFromOffset } from './resume-plan'

const headers = (values: Record<string, string>) => (name: string) => values[name] ?? null

describe('planFromOffset', () => {
  const plan = [
    { number: 1, offset: 0, size: 10 },
    { number: 2, offset: 10, size: 10 },
    { number: 3, offset: 20, size: 5 },
  ]

  it('marks parts below the server offset done and keeps the rest as planned', () => {
    const { plan: next, done } = planFromOffset(plan, 20)
    expect(next).toEqual(plan)
    expect(done).toEqual([
      { number: 1, size: 10, token: '10' },
      { number: 2, size: 10, token: '20' },
    ])
  })

  it('splits the part a broken PATCH stopped inside, so only the missing bytes are sent', () => {
    const { plan: next, done } = planFromOffset(plan, 13)
    expect(next).toEqual([
      { number: 1, offset: 0, size: 10 },
      { number: 2, offset: 10, size: 3 },
      { number: 3, offset: 13, size: 7 },
      { number: 4, offset: 20, size: 5 },
    ])
    expect(done.map((r) => r.number)).toEqual([1, 2])
    expect(next.reduce((sum, p) => sum + p.size, 0)).toBe(25)
  })

  it('has nothing done at offset 0 and everything done at the full length', () => {
    expect(planFromOffset(plan, 0).done).toEqual([])
    expect(planFromOffset(plan, 25).done).toHaveLength(3)
  })

  it('counts an empty upload as done once created', () => {
    expect(planFromOffset([{ number: 1, offset: 0, size: 0 }], 0).done).toEqual([{ number: 1, size: 0, token: '0' }])
  })
})

describe('readCapabilities', () => {
  it('reads extensions and Tus-Max-Size', () => {
    const caps = readCapabilities(headers({ 'Tus-Extension': 'creation, creation-with-upload,termination', 'Tus-Max-Size': '1073741824' }))
    expect([...caps.extensions]).toEqual(['creation', 'creation-with-upload', 'termination'])
    expect(caps.maxSize).toBe(1073741824)
    expect(caps.checksum).toBeUndefined()
  })

  it('uses a checksum only when the checksum extension and an algorithm we hash are announced', () => {
    expect(readCapabilities(headers({ 'Tus-Extension': 'checksum', 'Tus-Checksum-Algorithm': 'sha1,md5' })).checksum).toBe('md5')
    expect(readCapabilities(headers({ 'Tus-Extension': 'checksum', 'Tus-Checksum-Algorithm': 'sha1' })).checksum).toBeUndefined()
    expect(readCapabilities(headers({ 'Tus-Extension': 'creation', 'Tus-Checksum-Algorithm': 'md5' })).checksum).toBeUndefined()
  })

  it('ignores a missing or nonsense Tus-Max-Size', () => {
    expect(readCapabilities(headers({ 'Tus-Max-Size': 'lots' })).maxSize).toBeUndefined()
    expect(readCapabilities(headers({})).maxSize).toBeUndefined()
  })
})

describe('encodeUploadMetadata', () => {
  it('encodes UTF-8 values as base64 pairs and keeps empty values as bare keys', () => {
    expect(encodeUploadMetadata({ filename: 'clip.mp4', filetype: 'video/mp4' })).toBe('filename Y2xpcC5tcDQ=,filetype dmlkZW8vbXA0')
    expect(encodeUploadMetadata({ filename: 'é', flag: '' })).toBe('filename w6k=,flag')
  })

  it('drops keys the protocol forbids (spaces, commas, non-ASCII) and undefined values', () => {
    expect(encodeUploadMetadata({ 'bad key': 'x', 'a,b': 'x', 'ké': 'x', gone: undefined, ok: 'x' })).toBe('ok eA==')
  })
})
