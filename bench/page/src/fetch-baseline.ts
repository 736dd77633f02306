import { signerClient } from './signer-client'

/** Run `width` lanes over `count` jobs, each taking the next index, until done or stopped. */
export async function lanes(count: number, width: number, stop: AbortSignal, job: (index: number) => Promise<void>): Promise<void> {
  let next = 0
  const lane = async () => {
    while (next < count && !stop.aborted) await job(next++)
  }
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane))
}

const SIGN_BATCH = 10
const stopped = (error: unknown, stop: AbortSignal) => stop.aborted && error instanceof DOMException

/**
 * The ceiling for one big file: presigned part URLs from the same signer (batches of 10, as the
 * adapter asks), Blob slices PUT with fetch at the same concurrency (the browser streams a
 * Blob body without the page reading it), then complete. No checksums, no progress, no retry.
 */
export async function fetchMultipart(
  signerUrl: string,
  file: File,
  requestedPartSize: number,
  concurrency: number,
  stop: AbortSignal,
  bodyAs: 'blob' | 'arraybuffer' = 'blob',
): Promise<{ complete: boolean; acknowledged: number; parts: number }> {
  const signer = signerClient(signerUrl)
  // The signer fixes the plan from the declared size and the part size asked for (the same here).
  const upload = await signer.createMultipart({ filename: file.name, type: file.type, size: file.size, partSize: requestedPartSize })
  const { partSize, partCount: count } = upload
  const batches = new Map<number, Promise<Record<string, string>>>()
  const urlFor = async (number: number) => {
    const batch = Math.floor((number - 1) / SIGN_BATCH)
    let pending = batches.get(batch)
    if (!pending) {
      const numbers: number[] = []
      for (let n = batch * SIGN_BATCH + 1; n <= Math.min(count, (batch + 1) * SIGN_BATCH); n++) numbers.push(n)
      pending = signer.signParts(upload, numbers)
      batches.set(batch, pending)
    }
    return (await pending)[String(number)]!
  }
  const etags: string[] = new Array<string>(count)
  let acknowledged = 0
  await lanes(count, concurrency, stop, async (index) => {
    const number = index + 1
    const url = await urlFor(number)
    const slice = file.slice(index * partSize, Math.min(file.size, (index + 1) * partSize))
    try {
      // Diagnostic variant: read the slice into memory first, as Uplink does, and send those bytes.
      const body = bodyAs === 'blob' ? slice : await slice.arrayBuffer()
      const response = await fetch(url, { method: 'PUT', body, signal: stop })
      if (!response.ok) throw new Error(`part ${number}: ${response.status}`)
      etags[index] = response.headers.get('ETag') ?? ''
      acknowledged += slice.size
    } catch (error) {
      if (!stopped(error, stop)) throw error
    }
  })
  if (stop.aborted) return { complete: false, acknowledged, parts: count }
  await signer.complete(upload, etags.map((ETag, i) => ({ PartNumber: i + 1, ETag })))
  return { complete: true, acknowledged, parts: count }
}

/** Presigned PUTs for every file, signed before the clock starts (100 per signer call). */
export async function presignAll(signerUrl: string, files: File[]): Promise<Array<{ url: string; headers: Record<string, string> }>> {
  const signer = signerClient(signerUrl)
  const signed: Array<{ url: string; headers: Record<string, string> }> = []
  for (let i = 0; i < files.length; i += 100) {
    const batch = files.slice(i, i + 100).map((file) => ({ filename: file.name, type: file.type || 'application/octet-stream', size: file.size }))
    signed.push(...(await signer.objectUrls(batch)))
  }
  return signed
}

/** The link-speed ceiling for many small files: URLs presigned beforehand, one fetch PUT per file. */
export async function fetchPresigned(
  urls: Array<{ url: string; headers: Record<string, string> }>,
  files: File[],
  concurrency: number,
  stop: AbortSignal,
): Promise<{ done: number; failed: number }> {
  let done = 0
  let failed = 0
  await lanes(files.length, concurrency, stop, async (index) => {
    const { url, headers } = urls[index]!
    try {
      const response = await fetch(url, { method: 'PUT', body: files[index]!, headers, signal: stop })
      if (response.ok) done++
      else failed++
    } catch (error) {
      if (!stopped(error, stop)) failed++
    }
  })
  return { done, failed }
}

/** The ceiling for many small files: per file, one URL from the signer and one fetch PUT. */
export async function fetchEach(signerUrl: string, files: File[], concurrency: number, stop: AbortSignal): Promise<{ done: number; failed: number }> {
  const signer = signerClient(signerUrl)
  let done = 0
  let failed = 0
  await lanes(files.length, concurrency, stop, async (index) => {
    const file = files[index]!
    const type = file.type || 'application/octet-stream'
    try {
      const { url, headers } = await signer.objectUrl({ filename: file.name, type, size: file.size }, stop)
      const response = await fetch(url, { method: 'PUT', body: file, headers, signal: stop })
      if (response.ok) done++
      else failed++
    } catch (error) {
      if (!stopped(error, stop)) failed++
    }
  })
  return { done, failed }
}
