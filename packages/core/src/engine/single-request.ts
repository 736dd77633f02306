import { UploadError } from '../errors'
import type { FileInfo, PartRequest, PartRequestReason, PreparedPart, SingleRequestPath, StoredObject } from '../types'
import type { BookedUrl } from '../urls/url-book'
import { callApi } from './api-call'
import { sendPart } from './send-part'
import { type EngineDeps, type FileRun, retryFor, untilAborted } from './file-run'
import { type SmallFileUrls, createSmallFileUrls } from './small-file-urls'

/** Each uploader's small-file URLs (its deps are its own), made with the first small file. */
const smallFileUrls = new WeakMap<EngineDeps, SmallFileUrls>()

/** The small-file URLs of this uploader, where the API signs many at once. */
export function smallFileUrlsOf(deps: EngineDeps): SmallFileUrls | undefined {
  const source = deps.provider.singleRequest?.urls
  if (!source) return undefined
  let urls = smallFileUrls.get(deps)
  if (!urls) smallFileUrls.set(deps, (urls = createSmallFileUrls(source, deps.apiTimeoutMs)))
  return urls
}

/** A small file in one request (no session, no completion call): the response is the result. */
export async function sendWhole(deps: EngineDeps, run: FileRun, single: SingleRequestPath): Promise<StoredObject> {
  const { provider } = deps
  const { info, signal } = run
  run.activity.enter()
  const release = await deps.limiter.acquire(signal)
  try {
    run.activity.phase('uploading')
    const body = run.blob.slice(0, info.size)
    const algorithms = provider.partChecksum ? [provider.partChecksum] : []
    const hashed = algorithms.length > 0 ? await (await deps.hasher()).hashPart(body, algorithms) : { checksums: {}, bytes: body.size }
    if (hashed.bytes !== info.size) {
      throw new UploadError({ code: 'file-changed', message: `${info.name} read ${hashed.bytes} bytes; it had ${info.size} when it was added.` })
    }
    const part: PreparedPart = { number: 1, offset: 0, size: info.size, checksums: hashed.checksums }
    let result: StoredObject | undefined
    const urls = smallFileUrlsOf(deps)
    const maxSize = Math.min(single.maxSize, deps.singleRequestMaxSize)
    const upcoming = () => run.upcoming?.(single.urls!.maxBatch - 1, (next: FileInfo) => next.size <= maxSize) ?? []
    let used: BookedUrl | undefined
    /** The request of each attempt: with the URL the engine holds for the file, a fresh one after an expired one. */
    const target = async (reason: PartRequestReason): Promise<PartRequest> => {
      if (urls) {
        if (reason === 'expired' && used) urls.expired(used)
        used = await untilAborted(urls.get(info, upcoming), signal)
      }
      const url = used
      const request = await callApi((ctx) => single.request(info, part, { ...ctx, reason, ...(url ? { url } : {}) }), signal, deps.apiTimeoutMs, 'the upload URL request')
      return url?.expiresAt !== undefined && request.expiresAt === undefined ? { ...request, expiresAt: url.expiresAt } : request
    }
    await sendPart({
      part,
      body,
      transport: deps.transport,
      retry: retryFor(deps, run),
      stallTimeoutMs: deps.stallTimeoutMs,
      request: target,
      errors: provider.errors,
      accept: async (response) => {
        result = await single.result(info, response)
        return { number: 1, size: info.size }
      },
      onProgress: (loaded) => run.onProgress({ bytesSent: loaded, partsDone: 0, partsTotal: 1 }),
    })
    run.onProgress({ bytesSent: info.size, partsDone: 1, partsTotal: 1 })
    return result!
  } finally {
    smallFileUrlsOf(deps)?.forget(info)
    release()
    run.activity.leave()
  }
}
