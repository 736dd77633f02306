import { UploadError } from '../errors'
import type { PreparedPart, SingleRequestPath, StoredObject } from '../types'
import { callApi } from './api-call'
import { sendPart } from './send-part'
import { type EngineDeps, type FileRun, retryFor } from './file-run'

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
    await sendPart({
      part,
      body,
      transport: deps.transport,
      retry: retryFor(deps, run),
      stallTimeoutMs: deps.stallTimeoutMs,
      request: (reason) => callApi((ctx) => single.request(info, part, { ...ctx, reason }), signal, deps.apiTimeoutMs, 'the upload URL request'),
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
    release()
    run.activity.leave()
  }
}
