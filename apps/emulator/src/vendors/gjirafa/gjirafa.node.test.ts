import { createHash, randomBytes } from 'node:crypto'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createHarness, type Harness } from '../fake-storage/test-harness'
import { BACKEND_FETCH_FAILED_ROUTE, createGjirafa } from './index'

const MiB = 1024 * 1024
const API = '/gjirafa/api/projects/p1a2b3c4'
const md5Hex = (b: Uint8Array) => createHash('md5').update(b).digest('hex')
const sha256 = (...parts: Uint8Array[]) => parts.reduce((h, p) => h.update(p), createHash('sha256')).digest('hex')

interface UploadResult {
  uploadId: string
  requestKey: string
  presignedUrl: Array<{ partNumber: number; presignedUrl: string }>
  uploadFileDetailsId: number
}
interface Envelope<T = unknown> {
  success: boolean
  errors: string[]
  messages: string[]
  result: T
  resultInfo: null
  statusCode: number
}

let h: Harness
let gjirafa: ReturnType<typeof createGjirafa>
beforeEach(async () => {
  h = await createHarness()
  gjirafa = h.mount(createGjirafa(h.context, h.storage, { minPartSize: 5 * MiB }))
})
afterEach(() => h.close())

const json = async <T>(res: Response) => (await res.json()) as Envelope<T>
const intro = { partsNumber: 2, fileName: 'intro.mp4', contentLength: '12582912', mimeType: 'video/mp4', presignedUrlExpiryTimeHours: 12 }
const initiate = (body: Record<string, unknown> = intro) => h.call('POST', `${API}/uploads/multipart`, body)
async function expectEnvelopeError(res: Response, status: number, pattern?: RegExp) {
  expect(res.status).toBe(status)
  const body = await json<null>(res)
  expect(body).toMatchObject({ success: false, result: null, resultInfo: null, statusCode: status })
  expect(body.errors.length).toBeGreaterThan(0)
  if (pattern) expect(body.errors.join(' ')).toMatch(pattern)
}

describe('Gjirafa worked example (gjirafa.md §5): 12 MiB intro.mp4 as 8 + 4 MiB', () => {
  it('initiate, PUT both parts, complete with eTag: the stored file is byte-identical', async () => {
    const parts = [randomBytes(8 * MiB), randomBytes(4 * MiB)]
    const res = await initiate()
    expect(res.status).toBe(200)
    const body = await json<UploadResult>(res)
    expect(body).toMatchObject({ success: true, errors: [], messages: [], resultInfo: null, statusCode: 200 })
    expect(body.result.requestKey).toMatch(/^rk_/)
    expect(body.result.uploadFileDetailsId).toEqual(expect.any(Number))
    expect(body.result.presignedUrl.map((p) => p.partNumber)).toEqual([1, 2])
    for (const { partNumber, presignedUrl } of body.result.presignedUrl) {
      expect(presignedUrl).toMatch(new RegExp(`/storage/gjirafa/p1a2b3c4/[0-9a-f]+\\?partNumber=${partNumber}&uploadId=`))
      expect(presignedUrl).toContain('X-Amz-Expires=43200')
    }
    const etags: string[] = []
    for (const [i, bytes] of parts.entries()) {
      const put = await h.putPart(body.result.presignedUrl[i]!.presignedUrl, bytes)
      expect(put.status).toBe(200)
      expect(put.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`)
      etags.push(put.headers.get('etag')!)
    }
    const done = await h.call('PUT', `${API}/uploads/multipart-complete`, {
      requestKey: body.result.requestKey,
      parts: etags.map((eTag, i) => ({ partNumber: i + 1, eTag })),
    })
    expect(done.status).toBe(200)
    expect(await json(done)).toMatchObject({ success: true, errors: [], result: true, statusCode: 200 })
    expect(await gjirafa.objects.inspect('p1a2b3c4/intro.mp4')).toMatchObject({ size: 12 * MiB, sha256: sha256(...parts) })
  })

  it('interrupted: multipart-resume hands out fresh URLs that replace expired ones', async () => {
    const parts = [randomBytes(8 * MiB), randomBytes(4 * MiB)]
    const { result } = await json<UploadResult>(await initiate({ ...intro, presignedUrlExpiryTimeHours: 1 }))
    const e1 = (await h.putPart(result.presignedUrl[0]!.presignedUrl, parts[0]!)).headers.get('etag')!
    h.clock.now += 3601_000
    const stale = await h.putPart(result.presignedUrl[1]!.presignedUrl, parts[1]!)
    expect(stale.status).toBe(403)
    expect(await stale.text()).toContain('Request has expired')
    const resumed = await json<UploadResult>(await h.call('POST', `${API}/uploads/multipart-resume`, { requestKey: result.requestKey }))
    expect(resumed.result).toMatchObject({ uploadId: result.uploadId, requestKey: result.requestKey, uploadFileDetailsId: result.uploadFileDetailsId })
    expect(resumed.result.presignedUrl.map((p) => p.partNumber)).toEqual([1, 2])
    expect(resumed.result.presignedUrl[1]!.presignedUrl).toContain('X-Amz-Expires=43200')
    const e2 = (await h.putPart(resumed.result.presignedUrl[1]!.presignedUrl, parts[1]!)).headers.get('etag')!
    const done = await h.call('PUT', `${API}/uploads/multipart-complete`, { requestKey: result.requestKey, parts: [{ partNumber: 1, eTag: e1 }, { partNumber: 2, eTag: e2 }] })
    expect(done.status).toBe(200)
    expect(await gjirafa.objects.inspect('p1a2b3c4/intro.mp4')).toMatchObject({ size: 12 * MiB, sha256: sha256(...parts) })
    // Finished: resume and complete no longer find it.
    await expectEnvelopeError(await h.call('POST', `${API}/uploads/multipart-resume`, { requestKey: result.requestKey }), 404, /Result Not Found/)
  })
})

describe('Gjirafa errors', () => {
  it('401 envelope without or with a wrong token', async () => {
    for (const token of [null, 'wrong']) await expectEnvelopeError(await h.call('POST', `${API}/uploads/multipart`, intro, token), 401)
  })

  it('400 envelope for a bad initiate, 404 for a malformed project id', async () => {
    await expectEnvelopeError(await initiate({ fileName: 'a.mp4' }), 400, /PartsNumber field is required/)
    await expectEnvelopeError(await initiate({ partsNumber: 2 }), 400, /FileName field is required/)
    await expectEnvelopeError(await initiate({ ...intro, partsNumber: 0 }), 400)
    for (const hours of [0, 169, 1.5]) await expectEnvelopeError(await initiate({ ...intro, presignedUrlExpiryTimeHours: hours }), 400, /between 1 and 168/)
    await expectEnvelopeError(await initiate({ ...intro, contentLength: '12 MiB' }), 400)
    await expectEnvelopeError(await initiate({ ...intro, enableDuplicateCheck: true }), 400, /FileHash/)
    expect((await initiate({ ...intro, contentLength: 12 * MiB })).status).toBe(200)
    await expectEnvelopeError(await h.call('POST', '/gjirafa/api/projects/nope/uploads/multipart', intro), 404)
  })

  it('complete: PUT only, exact key casing, every part, right ETags, sizes adding up to contentLength', async () => {
    const { result } = await json<UploadResult>(await initiate({ ...intro, contentLength: String(6 * MiB + 1) }))
    const a = randomBytes(5 * MiB)
    const b = randomBytes(MiB)
    const ea = (await h.putPart(result.presignedUrl[0]!.presignedUrl, a)).headers.get('etag')!
    const eb = (await h.putPart(result.presignedUrl[1]!.presignedUrl, b)).headers.get('etag')!
    const complete = (parts: unknown[], method = 'PUT') => h.call(method, `${API}/uploads/multipart-complete`, { requestKey: result.requestKey, parts })
    await expectEnvelopeError(await complete([{ partNumber: 1, eTag: ea }, { partNumber: 2, eTag: eb }], 'POST'), 405)
    await expectEnvelopeError(await complete([{ PartNumber: 1, ETag: ea }, { PartNumber: 2, ETag: eb }]), 400, /eTag field is required/)
    await expectEnvelopeError(await complete([{ partNumber: 1, etag: ea }, { partNumber: 2, etag: eb }]), 400, /eTag field is required/)
    await expectEnvelopeError(await complete([{ partNumber: 1, eTag: ea }]), 400, /1\.\.2/)
    await expectEnvelopeError(await complete([{ partNumber: 2, eTag: eb }, { partNumber: 1, eTag: ea }]), 400)
    await expectEnvelopeError(await complete([{ partNumber: 1, eTag: ea }, { partNumber: 2, eTag: eb }]), 400, /ContentLength/)
    // Fix the size: now the ETags are checked.
    const fixed = await h.putPart(result.presignedUrl[1]!.presignedUrl, randomBytes(MiB + 1))
    const ef = fixed.headers.get('etag')!
    await expectEnvelopeError(await complete([{ partNumber: 1, eTag: ef }, { partNumber: 2, eTag: ef }]), 400, /InvalidPart/)
    expect((await complete([{ partNumber: 1, eTag: ea }, { partNumber: 2, eTag: ef }])).status).toBe(200)
    await expectEnvelopeError(await complete([{ partNumber: 1, eTag: ea }, { partNumber: 2, eTag: ef }]), 404)
  })

  it('complete: a non-last part under 5 MiB is a 400', async () => {
    const { result } = await json<UploadResult>(await initiate({ partsNumber: 2, fileName: 's.mp4', contentLength: String(2 * MiB) }))
    const etags: string[] = []
    for (const p of result.presignedUrl) etags.push((await h.putPart(p.presignedUrl, randomBytes(MiB))).headers.get('etag')!)
    const res = await h.call('PUT', `${API}/uploads/multipart-complete`, { requestKey: result.requestKey, parts: etags.map((eTag, i) => ({ partNumber: i + 1, eTag })) })
    await expectEnvelopeError(res, 400, /EntityTooSmall/)
  })

  it('abort is a PUT; afterwards parts are 404 NoSuchUpload and resume is 404', async () => {
    const { result } = await json<UploadResult>(await initiate())
    await expectEnvelopeError(await h.call('DELETE', `${API}/uploads/multipart-abort`, { requestKey: result.requestKey }), 405)
    const aborted = await h.call('PUT', `${API}/uploads/multipart-abort`, { requestKey: result.requestKey })
    expect(aborted.status).toBe(200)
    expect(await json(aborted)).toMatchObject({ success: true, result: true, statusCode: 200 })
    const put = await h.putPart(result.presignedUrl[0]!.presignedUrl, randomBytes(10))
    expect(put.status).toBe(404)
    expect(await put.text()).toContain('<Code>NoSuchUpload</Code>')
    await expectEnvelopeError(await h.call('POST', `${API}/uploads/multipart-resume`, { requestKey: result.requestKey }), 404)
    await expectEnvelopeError(await h.call('PUT', `${API}/uploads/multipart-abort`, { requestKey: result.requestKey }), 404)
  })

  it('duplicate check: a second upload with the same fileHash is refused once the first completed', async () => {
    const hash = createHash('sha256').update('x').digest('hex')
    const first = await json<UploadResult>(await initiate({ partsNumber: 1, fileName: 'd.mp4', enableDuplicateCheck: true, fileHash: hash }))
    const etag = (await h.putPart(first.result.presignedUrl[0]!.presignedUrl, randomBytes(100))).headers.get('etag')!
    expect((await h.call('PUT', `${API}/uploads/multipart-complete`, { requestKey: first.result.requestKey, parts: [{ partNumber: 1, eTag: etag }] })).status).toBe(200)
    await expectEnvelopeError(await initiate({ partsNumber: 1, fileName: 'd.mp4', enableDuplicateCheck: true, fileHash: hash }), 409)
  })

  it('a 503 can be the HTML "Backend Fetch Failed" page (switch, or a fault rule with an HTML body)', async () => {
    h.faults.set([{ route: BACKEND_FETCH_FAILED_ROUTE }])
    const res = await initiate()
    expect(res.status).toBe(503)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(await res.text()).toContain('Backend fetch failed')
    h.faults.set([{ route: 'gjirafa.initiate', status: 503, times: 1, body: '<html>down</html>', contentType: 'text/html' }])
    const injected = await initiate()
    expect(injected.status).toBe(503)
    expect(await injected.text()).toBe('<html>down</html>')
    expect((await initiate()).status).toBe(200)
  })

  it('encodes: downloadUrl required; answers the video name', async () => {
    await expectEnvelopeError(await h.call('POST', `${API}/encodes`, { callBackUrl: 'http://127.0.0.1/cb' }), 400, /DownloadUrl/)
    const res = await h.call('POST', `${API}/encodes`, { downloadUrl: 'http://127.0.0.1:4600/x.mp4', callBackUrl: 'http://127.0.0.1/cb', title: 'Intro' })
    expect(res.status).toBe(200)
    const body = await json<{ name: string; originalFile: string }>(res)
    expect(body.result).toEqual({ name: expect.stringMatching(/^[a-z]{8}$/), originalFile: 'http://127.0.0.1:4600/x.mp4' })
  })
})

describe('Gjirafa simple upload (POST …/uploads/url, files up to 50 MB)', () => {
  const simple = (body: Record<string, unknown>) => h.call('POST', `${API}/uploads/url`, body)

  it('one presigned PUT stores the whole file under <projectId>/<fileName>, 0 bytes included', async () => {
    for (const bytes of [randomBytes(300 * 1024), new Uint8Array(0)]) {
      const name = `clip-${bytes.length}.mp4`
      const res = await simple({ fileName: name, contentLength: String(bytes.length), mimeType: 'video/mp4' })
      expect(res.status).toBe(200)
      const { result } = await json<{ presignedUrl: string; requestKey: string; uploadFileDetailsId: number }>(res)
      expect(result.presignedUrl).toMatch(/\/storage\/gjirafa\/p1a2b3c4\/[0-9a-f]+\?X-Amz-/)
      expect(result.presignedUrl).not.toContain('uploadId=')
      expect(await gjirafa.objects.inspect(`p1a2b3c4/${name}`)).toBeNull()
      const put = await h.putPart(result.presignedUrl, bytes)
      expect(put.status).toBe(200)
      expect(put.headers.get('etag')).toBe(`"${md5Hex(bytes)}"`)
      expect(await gjirafa.objects.inspect(`p1a2b3c4/${name}`)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) })
    }
  })

  it('signs the declared length: a PUT of another size fails its signature; above 50,000,000 bytes is refused', async () => {
    const { result } = await json<{ presignedUrl: string }>(await simple({ fileName: 'a.mp4', contentLength: '10' }))
    const put = await h.putPart(result.presignedUrl, randomBytes(11))
    expect(put.status).toBe(403)
    expect(await put.text()).toContain('SignatureDoesNotMatch')
    await expectEnvelopeError(await simple({ fileName: 'big.mp4', contentLength: '50000001' }), 400, /multipart/)
    await expectEnvelopeError(await simple({ contentLength: '1' }), 400, /FileName/)
  })
})
