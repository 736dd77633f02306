// The plain-fetch baseline's view of the signer: the same routes the S3 adapter calls
// (s3.md §1), with nothing of Uplink in between.

/** The emulator's development token: its signer's authorize accepts it (an app sends its user's). */
export const EMULATOR_TOKEN = 'uplink-dev-token'
const AUTH = { Authorization: `Bearer ${EMULATOR_TOKEN}` }

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, { ...init, headers: { ...AUTH, ...init?.headers } })
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`)
  return (await response.json()) as Record<string, unknown>
}

const post = (url: string, body: unknown, signal?: AbortSignal) =>
  json(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) })

/** A multipart upload as the signer started it: the plan it fixed and the token naming it. */
export interface SignerUpload {
  key: string
  uploadId: string
  token: string
  partSize: number
  partCount: number
}

const uploadQuery = (upload: SignerUpload) => `key=${encodeURIComponent(upload.key)}&token=${encodeURIComponent(upload.token)}`

export interface Described {
  filename: string
  type: string
  size: number
}

export function signerClient(signerUrl: string) {
  const base = signerUrl.replace(/\/+$/, '')
  return {
    async createMultipart(file: Described & { partSize: number }): Promise<SignerUpload> {
      const answer = await post(`${base}/s3/multipart`, { ...file, metadata: {} })
      const { key, uploadId, token, partSize, partCount } = answer
      return { key: String(key), uploadId: String(uploadId), token: String(token), partSize: Number(partSize), partCount: Number(partCount) }
    },
    async signParts(upload: SignerUpload, numbers: number[]): Promise<Record<string, string>> {
      const answer = await json(`${base}/s3/multipart/${encodeURIComponent(upload.uploadId)}/batch?${uploadQuery(upload)}&partNumbers=${numbers.join(',')}`)
      return answer.presignedUrls as Record<string, string>
    },
    async complete(upload: SignerUpload, parts: Array<{ PartNumber: number; ETag: string }>): Promise<void> {
      await post(`${base}/s3/multipart/${encodeURIComponent(upload.uploadId)}/complete?${uploadQuery(upload)}`, { parts })
    },
    /** Presigned PUTs for many files in one call (POST /s3/objects, at most 100 per call). */
    async objectUrls(files: Described[]): Promise<Array<{ url: string; key: string; headers: Record<string, string> }>> {
      const answer = await post(`${base}/s3/objects`, { files: files.map((file) => ({ ...file, metadata: {} })) })
      return (answer.objects as Array<Record<string, unknown>>).map((o) => ({ url: String(o.url), key: String(o.key), headers: o.headers as Record<string, string> }))
    },
    /** One presigned PUT: send exactly `headers` (they are signed) and exactly the declared bytes. */
    async objectUrl(file: Described, signal?: AbortSignal): Promise<{ url: string; key: string; headers: Record<string, string> }> {
      const answer = await post(`${base}/s3/object`, { ...file, metadata: {} }, signal)
      return { url: String(answer.url), key: String(answer.key), headers: answer.headers as Record<string, string> }
    },
  }
}
