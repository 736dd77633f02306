import { createHash, randomBytes } from 'node:crypto'
import { crc32 } from 'hash-wasm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../fake-storage/test-harness'
import type { ArchetypeOptions } from './index'
import { createArchetype } from './index'
import { planParts } from './plan'

const MiB = 1024 * 1024
const API = '/archetype/v0.5/files/uploads'
const md5Hex = (b: Uint8Array) => createHash('md5').update(b).digest('hex')
const sha256 = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex')
const crc32c = async (b: Uint8Array) => Buffer.from(await crc32(b, 0x82f63b78), 'hex').toString('base64')

interface PartDescriptor {
  part_number: number
  url: string
  offset: number
  length: number
  expires_at: string
}
interface Initiated {
  upload_id: string
  file_uid: string
  num_parts: number
  part_size?: number
  is_resume: boolean
  integrity_algorithm: string
  parts: PartDescriptor[]
}

let h: Harness
let archetype: ReturnType<typeof createArchetype>
async function setup(options: ArchetypeOptions = {}) {
  h = await createHarness()
  archetype = h.mount(createArchetype(h.context, h.storage, options))
}
beforeEach(() => setup())
afterEach(() => h.close())

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T
const initiate = (body: Record<string, unknown>) => h.call('POST', `${API}/initiate`, body)
const logCsv = { filename: 'log.csv', file_type: 'text/csv', num_bytes: 12 * MiB, resume_if_started: true }
const sendPart = (file: Uint8Array, part: PartDescriptor) => h.putPart(part.url, new Uint8Array(file.subarray(part.offset, part.offset + part.length)))

describe('Archetype worked example (archetypeai.md §5): 12 MiB log.csv, 8 MiB parts, checkpoint and resume', () => {
  it('plans on the server, resumes with only the un-checkpointed part, and verifies the whole-file CRC32C', async () => {
    const file = randomBytes(12 * MiB)
    const first = await initiate(logCsv)
    expect(first.status).toBe(200)
    const plan = await json<Initiated & Record<string, unknown>>(first)
    expect(plan).toMatchObject({ file_name: 'log.csv', total_bytes: 12 * MiB, num_parts: 2, part_size: 8 * MiB, integrity_algorithm: 'crc32c', is_resume: false })
    expect(plan.upload_id).toMatch(/^upl_[0-9a-z]{26}$/)
    expect(plan.file_uid).toMatch(/^fil_[0-9a-z]{26}$/)
    expect(plan.parts.map(({ part_number, offset, length }) => ({ part_number, offset, length }))).toEqual([
      { part_number: 1, offset: 0, length: 8 * MiB },
      { part_number: 2, offset: 8 * MiB, length: 4 * MiB },
    ])
    // URLs live 3600 s: expires_at is an hour after "now" (to the second).
    expect(plan.parts[0]!.expires_at).toBe(new Date(h.clock.now + 3600_000).toISOString().replace('.000Z', 'Z'))
    expect(plan.parts[0]!.url).toContain('X-Amz-Signature=')

    const put1 = await sendPart(file, plan.parts[0]!)
    expect([200, 201]).toContain(put1.status)
    const token1 = put1.headers.get('etag')!
    expect(token1).toBe(`"${md5Hex(file.subarray(0, 8 * MiB))}"`)
    const checkpoint = await h.call('POST', `${API}/${plan.upload_id}/parts/checkpoint`, { parts: [{ part_number: 1, part_token: token1 }] })
    expect(await json(checkpoint)).toEqual({ num_checkpointed: 1 })

    // Tab closed; the same file is chosen again.
    const again = await json<Initiated>(await initiate(logCsv))
    expect(again).toMatchObject({ upload_id: plan.upload_id, file_uid: plan.file_uid, num_parts: 2, is_resume: true })
    expect(again.parts.map((p) => [p.part_number, p.offset, p.length])).toEqual([[2, 8 * MiB, 4 * MiB]])

    const token2 = (await sendPart(file, again.parts[0]!)).headers.get('etag')!
    const done = await h.call('POST', `${API}/${plan.upload_id}/complete`, {
      parts: [{ part_number: 2, part_token: token2 }],
      integrity_checksum: await crc32c(file),
    })
    expect(done.status).toBe(200)
    expect(await json(done)).toEqual({
      file_uid: plan.file_uid,
      file_name: 'log.csv',
      num_bytes: 12 * MiB,
      file_status: 'Registered',
      file_attributes: { metadata_status: 'not_extracted' },
    })
    expect(await archetype.objects.inspect('log.csv')).toMatchObject({ size: 12 * MiB, sha256: sha256(file) })
  })
})

describe('Archetype rules', () => {
  async function started(numBytes = 3 * MiB, partSize = MiB) {
    await setup({ partSize })
    const file = randomBytes(numBytes)
    const plan = await json<Initiated>(await initiate({ filename: 'f.bin', file_type: 'application/octet-stream', num_bytes: numBytes }))
    return { file, plan, id: plan.upload_id }
  }

  it('401 without or with a wrong API key', async () => {
    for (const token of [null, 'wrong']) {
      const res = await h.call('POST', `${API}/initiate`, logCsv, token)
      expect(res.status).toBe(401)
      expect(await json(res)).toMatchObject({ code: 'unauthorized' })
    }
  })

  it('400 for a bad initiate body', async () => {
    for (const body of [{}, { ...logCsv, num_bytes: -1 }, { ...logCsv, file_type: 'csv' }, { ...logCsv, resume_if_started: 'yes' }, { ...logCsv, filename: '../x' }]) {
      expect((await initiate(body)).status).toBe(400)
    }
  })

  it('resume_if_started: 409 when file_type or num_bytes differ; without the flag a new upload starts', async () => {
    const first = await json<Initiated>(await initiate(logCsv))
    expect((await initiate({ ...logCsv, num_bytes: 12 * MiB + 1 })).status).toBe(409)
    expect((await initiate({ ...logCsv, file_type: 'text/plain' })).status).toBe(409)
    const fresh = await json<Initiated>(await initiate({ ...logCsv, resume_if_started: false }))
    expect(fresh.upload_id).not.toBe(first.upload_id)
    expect(fresh.is_resume).toBe(false)
  })

  it('a zero-byte file is one part of length 0', async () => {
    expect(planParts(0, 8 * MiB)).toEqual([{ part_number: 1, offset: 0, length: 0 }])
    const plan = await json<Initiated>(await initiate({ filename: 'empty.txt', file_type: 'text/plain', num_bytes: 0 }))
    expect(plan.num_parts).toBe(1)
    expect(plan.parts).toMatchObject([{ part_number: 1, offset: 0, length: 0 }])
    const put = await h.putPart(plan.parts[0]!.url, new Uint8Array(0))
    expect(put.status).toBe(201)
    const done = await h.call('POST', `${API}/${plan.upload_id}/complete`, { parts: [{ part_number: 1, part_token: put.headers.get('etag') }], integrity_checksum: 'AAAAAA==' })
    expect(done.status).toBe(200)
    expect(await archetype.objects.inspect('empty.txt')).toMatchObject({ size: 0, sha256: sha256(new Uint8Array(0)) })
  })

  it('part PUTs must send exactly the planned length', async () => {
    const { plan } = await started()
    const res = await h.putPart(plan.parts[0]!.url, randomBytes(MiB - 1))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('<Code>InvalidRequest</Code>')
  })

  it('parts/urls: same order and length, duplicates share a URL, out of range is 400; a refreshed URL replaces an expired one', async () => {
    const { file, plan, id } = await started()
    h.clock.now += 3601_000
    const expired = await sendPart(file, plan.parts[0]!)
    expect(expired.status).toBe(403)
    expect(await expired.text()).toContain('Request has expired')
    const refreshed = await json<{ parts: PartDescriptor[] }>(await h.call('POST', `${API}/${id}/parts/urls`, { part_numbers: [3, 1, 3] }))
    expect(refreshed.parts.map((p) => p.part_number)).toEqual([3, 1, 3])
    expect(refreshed.parts[0]!.url).toBe(refreshed.parts[2]!.url)
    expect(refreshed.parts[1]).toMatchObject({ offset: 0, length: MiB })
    expect((await sendPart(file, refreshed.parts[1]!)).status).toBe(201)
    for (const part_numbers of [[0], [4], [], 'x']) expect((await h.call('POST', `${API}/${id}/parts/urls`, { part_numbers })).status).toBe(400)
  })

  it('expired URLs can be refused as 400 TokenExpired instead', async () => {
    await setup({ partSize: MiB, expiredResponse: 'token-expired' })
    h.faults.set([{ route: 'archetype.part-url', urlTtlSeconds: 10 }])
    const plan = await json<Initiated>(await initiate({ filename: 'f.bin', file_type: 'application/octet-stream', num_bytes: MiB }))
    h.clock.now += 11_000
    const res = await h.putPart(plan.parts[0]!.url, randomBytes(MiB))
    expect(res.status).toBe(400)
    expect(await res.text()).toContain('TokenExpired')
  })

  it('checkpoint: 400 for an unquoted or wrong token and for a part not uploaded; repeats count 0', async () => {
    const { file, plan, id } = await started()
    const token = (await sendPart(file, plan.parts[0]!)).headers.get('etag')!
    const checkpoint = (parts: unknown) => h.call('POST', `${API}/${id}/parts/checkpoint`, { parts })
    expect((await checkpoint([{ part_number: 1, part_token: token.replaceAll('"', '') }])).status).toBe(400)
    expect((await checkpoint([{ part_number: 2, part_token: token }])).status).toBe(400)
    expect((await checkpoint([{ part_number: 1, part_token: token }, { part_number: 2, part_token: token }])).status).toBe(400)
    expect(await json(await checkpoint([{ part_number: 1, part_token: token }]))).toEqual({ num_checkpointed: 1 })
    expect(await json(await checkpoint([{ part_number: 1, part_token: token }]))).toEqual({ num_checkpointed: 0 })
  })

  it('complete: every part must be covered with its exact token', async () => {
    const { file, plan, id } = await started()
    const tokens: string[] = []
    for (const part of plan.parts) tokens.push((await sendPart(file, part)).headers.get('etag')!)
    const complete = (parts: Array<[number, string]>) =>
      h.call('POST', `${API}/${id}/complete`, { parts: parts.map(([part_number, part_token]) => ({ part_number, part_token })) })
    expect((await complete([[1, tokens[0]!], [2, tokens[1]!]])).status).toBe(400)
    expect((await complete([[1, tokens[0]!], [2, tokens[1]!], [3, tokens[1]!]])).status).toBe(400)
    expect((await complete([[1, tokens[0]!], [1, tokens[0]!], [2, tokens[1]!], [3, tokens[2]!]])).status).toBe(400)
    expect((await complete([[1, tokens[0]!.replaceAll('"', '')], [2, tokens[1]!], [3, tokens[2]!]])).status).toBe(400)
    const ok = await complete([[3, tokens[2]!], [1, tokens[0]!], [2, tokens[1]!]])
    expect(ok.status).toBe(200)
    expect(await archetype.objects.inspect('f.bin')).toMatchObject({ size: 3 * MiB, sha256: sha256(file) })
    // Any call on a completed upload is a 409.
    expect((await complete([[1, tokens[0]!]])).status).toBe(409)
    expect((await h.call('POST', `${API}/${id}/abort`, {})).status).toBe(409)
    expect((await h.call('POST', `${API}/${id}/parts/urls`, { part_numbers: [1] })).status).toBe(409)
  })

  it('complete: a CRC32C mismatch marks the file Corrupt; a checksum in "none" mode is a 400', async () => {
    const { file, plan, id } = await started(MiB)
    const token = (await sendPart(file, plan.parts[0]!)).headers.get('etag')!
    const wrong = await crc32c(randomBytes(16))
    const res = await h.call('POST', `${API}/${id}/complete`, { parts: [{ part_number: 1, part_token: token }], integrity_checksum: wrong })
    expect(res.status).toBe(400)
    expect(await json(res)).toMatchObject({ code: 'integrity_mismatch', file_status: 'Corrupt' })
    expect(await archetype.objects.inspect('f.bin')).toBeNull()
    expect((await h.call('POST', `${API}/${id}/complete`, { parts: [{ part_number: 1, part_token: token }] })).status).toBe(409)

    await setup({ partSize: MiB, integrityAlgorithm: 'none', omitPartSize: true })
    const none = await json<Initiated>(await initiate({ filename: 'n.bin', file_type: 'application/octet-stream', num_bytes: 10 }))
    expect(none.integrity_algorithm).toBe('none')
    expect('part_size' in none).toBe(false)
    const bytes = randomBytes(10)
    const t = (await h.putPart(none.parts[0]!.url, bytes)).headers.get('etag')!
    const sent = await h.call('POST', `${API}/${none.upload_id}/complete`, { parts: [{ part_number: 1, part_token: t }], integrity_checksum: await crc32c(bytes) })
    expect(sent.status).toBe(400)
  })

  it('abort: 204 with no body; afterwards 404 for the API and NoSuchUpload for part PUTs', async () => {
    const { file, plan, id } = await started()
    const aborted = await h.call('POST', `${API}/${id}/abort`, {})
    expect(aborted.status).toBe(204)
    expect(await aborted.text()).toBe('')
    expect((await h.call('POST', `${API}/${id}/complete`, { parts: [] })).status).toBe(404)
    expect((await h.call('POST', `${API}/${id}/abort`, {})).status).toBe(404)
    const put = await sendPart(file, plan.parts[0]!)
    expect(put.status).toBe(404)
    expect(await put.text()).toContain('<Code>NoSuchUpload</Code>')
    // A resume request for the same name starts afresh.
    const next = await json<Initiated>(await initiate({ filename: 'f.bin', file_type: 'application/octet-stream', num_bytes: 3 * MiB, resume_if_started: true }))
    expect(next.is_resume).toBe(false)
    expect(next.upload_id).not.toBe(id)
  })

  it('injects faults per endpoint (route archetype.complete)', async () => {
    const { file, plan, id } = await started(MiB)
    const token = (await sendPart(file, plan.parts[0]!)).headers.get('etag')!
    h.faults.set([{ route: 'archetype.complete', status: 502, times: 1 }])
    const complete = () => h.call('POST', `${API}/${id}/complete`, { parts: [{ part_number: 1, part_token: token }] })
    expect((await complete()).status).toBe(502)
    expect((await complete()).status).toBe(200)
  })
})
