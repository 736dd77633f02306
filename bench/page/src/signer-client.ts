// The plain-fetch baseline's view of the signer: the same routes the S3 adapter calls
// (s3.md §1), with nothing of Uplink in between.

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init)
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url}: ${response.status} ${await response.text()}`)
  return (await response.json()) as Record<string, unknown>
}

const post = (url: string, body: unknown, signal?: AbortSignal) =>
  json(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...(signal ? { signal } : {}) })

export interface Described {
  filename: string
  type: string
  size: number
}

export function signerClient(signerUrl: string) {
  const base = signerUrl.replace(/\/+$/, '')
  return {
    async createMultipart(file: Described): Promise<{ key: string; uploadId: string }> {
      const answer = await post(`${base}/s3/multipart`, { ...file, metadata: {} })
      return { key: String(answer.key), uploadId: String(answer.uploadId) }
    },
    async signParts(key: string, uploadId: string, numbers: number[]): Promise<Record<string, string>> {
      const query = `key=${encodeURIComponent(key)}&partNumbers=${numbers.join(',')}`
      const answer = await json(`${base}/s3/multipart/${encodeURIComponent(uploadId)}/batch?${query}`)
      return answer.presignedUrls as Record<string, string>
    },
    async complete(key: string, uploadId: string, parts: Array<{ PartNumber: number; ETag: string }>): Promise<void> {
      await post(`${base}/s3/multipart/${encodeURIComponent(uploadId)}/complete?key=${encodeURIComponent(key)}`, { parts })
    },
    async objectUrl(file: Described, signal?: AbortSignal): Promise<{ url: string; key: string }> {
      const answer = await post(`${base}/s3/object`, { ...file, metadata: {} }, signal)
      return { url: String(answer.url), key: String(answer.key) }
    },
  }
}
