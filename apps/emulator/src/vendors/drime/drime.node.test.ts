import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../fake-storage/test-harness'
import type { DrimeOptions } from './index'
import { createDrime } from './index'

const MiB = 1024 * 1024
const API = '/drime/api/v1'
const md5Hex = (b: Uint8Array) => createHash('md5').update(b).digest('hex')
const sha256 = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex')

let h: Harness
let drime: ReturnType<typeof createDrime>

async function setup(options: DrimeOptions = {}) {
  h = await createHarness()
  drime = h.mount(createDrime(h.context, h.storage, options))
}
beforeEach(() => setup())
afterEach(() => h.close())

const json = async (res: Response) => (await res.json()) as Record<string, unknown>
const createClip = (size = 12 * MiB) =>
  h.call('POST', `${API}/s3/multipart/create`, { filename: 'clip.mp4', mime: 'video/mp4', size, extension: 'mp4', workspaceId: 0, parentId: null })
async function started(size = 12 * MiB) {
  const { key, uploadId } = (await json(await createClip(size))) as { key: string; uploadId: string }
  const sign = async (...partNumbers: number[]) =>
    ((await json(await h.call('POST', `${API}/s3/multipart/batch-sign-part-urls`, { key, uploadId, partNumbers }))).urls as Array<{ partNumber: number; url: string }>)
  return { key, uploadId, sign }
}

describe('Drime worked example (drime.md §5): 12 MiB clip.mp4 as 5 + 5 + 2 MiB', () => {
  it('create, sign, PUT, resume listing, complete, entries: the drive file is byte-identical', async () => {
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(2 * MiB)]
    const created = await createClip()
    expect(created.status).toBe(200)
    const { key, uploadId, acl, status } = (await json(created)) as { key: string; uploadId: string; acl: string; status: string }
    expect(key).toMatch(/^uploads\/([0-9a-f-]{36})\/\1$/)
    expect(uploadId).toMatch(/^[A-Za-z0-9_-]{20,}$/)
    expect({ acl, status }).toEqual({ acl: 'private', status: 'success' })

    const signed = await json(await h.call('POST', `${API}/s3/multipart/batch-sign-part-urls`, { key, uploadId, partNumbers: [3, 1, 2] }))
    const urls = signed.urls as Array<{ partNumber: number; url: string }>
    expect(signed.status).toBe('success')
    expect(urls.map((u) => u.partNumber)).toEqual([3, 1, 2])
    for (const { partNumber, url } of urls) {
      expect(url).toContain(`/storage/drime/${key}?partNumber=${partNumber}&uploadId=`)
      expect(url).toContain('X-Amz-Expires=1800')
    }
    const urlOf = (n: number) => urls.find((u) => u.partNumber === n)!.url

    const first = await h.putPart(urlOf(1), parts[0]!)
    expect(first.status).toBe(200)
    expect(first.headers.get('etag')).toBe(`"${md5Hex(parts[0]!)}"`)

    // Interrupted after part 1: the listing is what a resuming client sees.
    const listed = await json(await h.call('POST', `${API}/s3/multipart/get-uploaded-parts`, { key, uploadId }))
    expect(listed.status).toBe('success')
    expect(listed.parts).toEqual([{ PartNumber: 1, ETag: `"${md5Hex(parts[0]!)}"`, Size: 5 * MiB, LastModified: expect.any(String) }])

    const etags = [first.headers.get('etag')!]
    for (const n of [2, 3]) etags.push((await h.putPart(urlOf(n), parts[n - 1]!)).headers.get('etag')!)
    const completed = await h.call('POST', `${API}/s3/multipart/complete`, {
      key,
      uploadId,
      parts: etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })),
    })
    expect(completed.status).toBe(200)
    expect(await json(completed)).toEqual({ location: `http://127.0.0.1:4600/storage/drime/${key}`, status: 'success' })

    // Complete alone does not make a drive file.
    expect(await drime.objects.inspect('clip.mp4')).toBeNull()
    const entry = await h.call('POST', `${API}/s3/entries`, {
      filename: key.split('/').at(-1),
      size: 12 * MiB,
      clientName: 'clip.mp4',
      clientMime: 'video/mp4',
      clientExtension: 'mp4',
      workspaceId: 0,
      parentId: null,
    })
    expect(entry.status).toBe(200)
    const body = await json(entry)
    expect(body.status).toBe('success')
    expect(body.fileEntry).toMatchObject({ id: expect.any(Number), name: 'clip.mp4', file_size: 12 * MiB, type: 'video', parent_id: null, workspace_id: 0 })
    expect(await drime.objects.inspect('clip.mp4')).toMatchObject({ size: 12 * MiB, sha256: sha256(...parts) })
  })
})

describe('Drime errors', () => {
  it('401 {"message":"Unauthenticated."} without a token or with a wrong one', async () => {
    for (const token of [null, 'wrong']) {
      const res = await h.call('POST', `${API}/s3/multipart/create`, {}, token)
      expect(res.status).toBe(401)
      expect(await json(res)).toEqual({ message: 'Unauthenticated.' })
    }
  })

  it('422 with Laravel errors for a create without its required fields', async () => {
    const res = await h.call('POST', `${API}/s3/multipart/create`, { filename: 'a.bin', size: 'big', parentId: 3, relativePath: 'x' })
    expect(res.status).toBe(422)
    const body = await json(res)
    expect(body.message).toBe('The mime field is required. (and 3 more errors)')
    expect(body.errors).toEqual({
      mime: ['The mime field is required.'],
      size: ['The size field must be an integer.'],
      extension: ['The extension field is required.'],
      parentId: ['The parent id field prohibits relative path from being present.'],
    })
  })

  it('422 from the account limits at create', async () => {
    await setup({ maxFileSize: 10 * MiB, blockedExtensions: ['exe'] })
    expect((await createClip(11 * MiB)).status).toBe(422)
    const blocked = await h.call('POST', `${API}/s3/multipart/create`, { filename: 'a.exe', mime: 'application/x-msdownload', size: 1, extension: 'exe' })
    expect(blocked.status).toBe(422)
    expect((await json(blocked)).message).toContain('exe')
  })

  it('complete: lower-case keys are a 422; S3 refusals are 500s naming the S3 code', async () => {
    const { key, uploadId, sign } = await started(2 * MiB)
    const urls = await sign(1, 2)
    const a = randomBytes(MiB)
    const b = randomBytes(MiB)
    const ea = (await h.putPart(urls[0]!.url, a)).headers.get('etag')!
    const eb = (await h.putPart(urls[1]!.url, b)).headers.get('etag')!
    const complete = (parts: unknown[]) => h.call('POST', `${API}/s3/multipart/complete`, { key, uploadId, parts })

    const lower = await complete([{ partNumber: 1, etag: ea }])
    expect(lower.status).toBe(422)
    expect((await json(lower)).errors).toEqual({ 'parts.0.PartNumber': ['The parts.0.PartNumber field is required.'], 'parts.0.ETag': ['The parts.0.ETag field is required.'] })

    const cases: Array<[unknown[], string]> = [
      [[{ PartNumber: 2, ETag: eb }, { PartNumber: 1, ETag: ea }], 'InvalidPartOrder'],
      [[{ PartNumber: 1, ETag: eb }, { PartNumber: 2, ETag: eb }], 'InvalidPart'],
      [[{ PartNumber: 1, ETag: ea }, { PartNumber: 2, ETag: eb }], 'EntityTooSmall'],
    ]
    for (const [parts, code] of cases) {
      const res = await complete(parts)
      expect(res.status).toBe(500)
      expect((await json(res)).message).toMatch(new RegExp(`^${code}: `))
    }
    const ghost = await h.call('POST', `${API}/s3/multipart/complete`, { key, uploadId: 'nope', parts: [{ PartNumber: 1, ETag: ea }] })
    expect(ghost.status).toBe(500)
    expect((await json(ghost)).message).toMatch(/^NoSuchUpload: /)
  })

  it('entries: 422 unless it names a completed object with its size, and for parent_id', async () => {
    const { key, uploadId, sign } = await started(MiB)
    const bytes = randomBytes(MiB)
    const name = key.split('/').at(-1)
    const entry = (extra: Record<string, unknown>) =>
      h.call('POST', `${API}/s3/entries`, { filename: name, size: MiB, clientName: 'c.bin', clientExtension: 'bin', ...extra })
    const before = await entry({})
    expect(before.status).toBe(422)
    expect((await json(before)).errors).toEqual({ filename: ['The selected filename is invalid.'] })

    const etag = (await h.putPart((await sign(1))[0]!.url, bytes)).headers.get('etag')!
    expect((await h.call('POST', `${API}/s3/multipart/complete`, { key, uploadId, parts: [{ PartNumber: 1, ETag: etag }] })).status).toBe(200)

    const wrongName = await entry({ filename: 'clip.mp4' })
    expect(wrongName.status).toBe(422)
    const wrongSize = await entry({ size: MiB - 1 })
    expect(wrongSize.status).toBe(422)
    expect(Object.keys((await json(wrongSize)).errors as object)).toEqual(['size'])
    const snake = await entry({ parent_id: 5 })
    expect(snake.status).toBe(422)
    expect((await json(snake)).errors).toEqual({ parent_id: ['The parent id field is prohibited.'] })

    const ok = await entry({ parentId: 12, relativePath: null })
    expect(ok.status).toBe(200)
    expect((await json(ok)).fileEntry).toMatchObject({ parent_id: 12, name: 'c.bin', file_size: MiB })
    expect(await drime.objects.inspect('c.bin')).toMatchObject({ size: MiB, sha256: sha256(bytes) })
  })

  it('abort: 200 success, then part PUTs are 404 NoSuchUpload and the listing fails', async () => {
    const { key, uploadId, sign } = await started()
    const [url] = await sign(1)
    const aborted = await h.call('POST', `${API}/s3/multipart/abort`, { key, uploadId })
    expect(aborted.status).toBe(200)
    expect(await json(aborted)).toEqual({ status: 'success' })
    const put = await h.putPart(url!.url, randomBytes(16))
    expect(put.status).toBe(404)
    expect(await put.text()).toContain('<Code>NoSuchUpload</Code>')
    const listed = await h.call('POST', `${API}/s3/multipart/get-uploaded-parts`, { key, uploadId })
    expect(listed.status).toBe(500)
    expect((await json(listed)).message).toMatch(/^NoSuchUpload: /)
  })

  it('a part URL past its lifetime answers 403 "Request has expired"; re-signing gives a working one', async () => {
    const { sign } = await started()
    h.faults.set([{ route: 'drime.part-url', urlTtlSeconds: 5 }])
    const [stale] = await sign(1)
    expect(stale!.url).toContain('X-Amz-Expires=5')
    h.clock.now += 6000
    const refused = await h.putPart(stale!.url, randomBytes(8))
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('<Message>Request has expired</Message>')
    const [fresh] = await sign(1)
    expect((await h.putPart(fresh!.url, randomBytes(8))).status).toBe(200)
  })

  it('429 {"message":"Too Many Attempts."} over the rate limit, with the rate-limit headers', async () => {
    await setup({ rateLimitPerMinute: 2 })
    const first = await createClip()
    expect(first.headers.get('x-ratelimit-limit')).toBe('2')
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1')
    expect((await createClip()).status).toBe(200)
    const limited = await createClip()
    expect(limited.status).toBe(429)
    expect(await json(limited)).toEqual({ message: 'Too Many Attempts.' })
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0)
    h.clock.now += 60_000
    expect((await createClip()).status).toBe(200)
  })

  it('injects faults per endpoint (route drime.sign)', async () => {
    const { key, uploadId } = (await json(await createClip())) as { key: string; uploadId: string }
    h.faults.set([{ route: 'drime.sign', status: 503, times: 1 }])
    const sign = () => h.call('POST', `${API}/s3/multipart/batch-sign-part-urls`, { key, uploadId, partNumbers: [1] })
    expect((await sign()).status).toBe(503)
    expect((await sign()).status).toBe(200)
  })
})

describe('Drime as Laravel answers a request that does not ask for JSON (README rule 9)', () => {
  /** A call as a browser fetch sends it without an Accept header of its own: Accept: *\/*. */
  const browserCall = (path: string, body: unknown, token: string | null, accept = '*/*') =>
    h.app.request(`http://127.0.0.1:4600${API}${path}`, {
      method: 'POST',
      headers: { Accept: accept, 'Content-Type': 'application/json', Referer: 'http://127.0.0.1:5173/upload', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })

  it('an unauthenticated call is a 302 to the login page (HTML), a 401 JSON only with Accept: application/json', async () => {
    const redirected = await browserCall('/s3/multipart/create', {}, 'stale-token')
    expect(redirected.status).toBe(302)
    expect(redirected.headers.get('location')).toBe('http://127.0.0.1:4600/drime/login')
    expect(redirected.headers.get('content-type')).toMatch(/^text\/html/)
    expect(redirected.headers.get('access-control-allow-origin')).toBe('*')
    expect(await redirected.text()).toContain('Redirecting to')

    const asJson = await browserCall('/s3/multipart/create', {}, 'stale-token', 'application/json')
    expect(asJson.status).toBe(401)
    expect(await json(asJson)).toEqual({ message: 'Unauthenticated.' })
  })

  it('a failed validation is a 302 back to the page; a refusal without field errors is an HTML page with its status', async () => {
    const back = await browserCall('/s3/multipart/create', { filename: 'a.mp4' }, 'test-token')
    expect(back.status).toBe(302)
    expect(back.headers.get('location')).toBe('http://127.0.0.1:5173/upload')

    await setup({ maxFileSize: 10 })
    const limit = await browserCall('/s3/multipart/create', { filename: 'a.mp4', mime: 'video/mp4', size: 11, extension: 'mp4' }, 'test-token')
    expect(limit.status).toBe(422)
    expect(limit.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await limit.text()).toContain('The file may not be greater than 10 bytes.')
  })

  it('a successful call answers JSON whatever the Accept header', async () => {
    const ok = await browserCall('/s3/multipart/create', { filename: 'a.mp4', mime: 'video/mp4', size: 11, extension: 'mp4' }, 'test-token')
    expect(ok.status).toBe(200)
    expect(await json(ok)).toMatchObject({ status: 'success' })
  })
})

describe('URLs expired on demand (POST /__expire-urls)', () => {
  it('a part URL issued before the cut is refused as expired; one issued after it works', async () => {
    // On real time, well within the URLs' 30 minutes: only the cut can refuse them.
    h.clock.now = Date.now()
    const { sign } = await started()
    const [stale] = await sign(1)
    await h.faults.expireUrls()
    const refused = await h.putPart(stale!.url, randomBytes(8))
    expect(refused.status).toBe(403)
    expect(await refused.text()).toContain('<Message>Request has expired</Message>')
    h.clock.now = Date.now()
    const [fresh] = await sign(1)
    expect((await h.putPart(fresh!.url, randomBytes(8))).status).toBe(200)
  })
})
