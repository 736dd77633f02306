import { bigFile } from './big-blob'
import { fetchMultipart } from './fetch-baseline'
import { mainThreadStats, settleObservers } from './long-tasks'
import type { MultipartInput, MultipartRun } from './protocol'
import { tracedParts } from './trace'
import { benchUploader, failures } from './uplink-runs'

const MiB = 1024 * 1024

/**
 * One big file, by Uplink or by the plain-fetch baseline. A run that reaches `capMs` is
 * stopped there and its rate is the bytes the storage acknowledged (parts answered 2xx) over
 * that time, so a slow configuration cannot make the suite run for ever.
 */
export async function multipart(input: MultipartInput): Promise<MultipartRun> {
  const file = bigFile(input.size)
  const deadline = AbortSignal.timeout(input.capMs)
  const t0 = performance.now()
  let outcome: { complete: boolean; acknowledged: number; parts: number; actualChecksum: string; phases?: MultipartRun['phases'] }
  if (input.mode === 'fetch') {
    const run = await fetchMultipart(input.signerUrl, file, input.partSize, input.concurrency, deadline, input.bodyAs ?? 'blob')
    outcome = { ...run, actualChecksum: 'none' }
  } else {
    const traced = tracedParts(input.bodyAs ?? 'blob')
    const { uploader, actualChecksum } = benchUploader(input.signerUrl, input.checksum, {
      concurrency: input.concurrency,
      partSize: input.partSize,
      transport: traced.transport,
      hasher: traced.hasher,
    })
    const [id] = (await uploader.addFiles([file])).ids
    const capped = new Promise<'capped'>((resolve) => deadline.addEventListener('abort', () => resolve('capped'), { once: true }))
    const ended = await Promise.race([uploader.whenIdle().then(() => 'idle' as const), capped])
    const complete = ended === 'idle'
    const acknowledged = traced.acknowledgedBytes()
    if (!complete) uploader.cancelAll()
    const { failed, firstError } = failures(uploader)
    const parts = uploader.store.getState().files[id!]!.partsTotal ?? 0
    uploader.dispose()
    if (complete && failed > 0) throw new Error(`the upload failed: ${firstError}`)
    outcome = { complete, acknowledged: complete ? input.size : acknowledged, parts, actualChecksum, phases: traced.phases() }
  }
  const ms = performance.now() - t0
  await settleObservers()
  return {
    mode: input.mode,
    bodyAs: input.bodyAs ?? 'blob',
    size: input.size,
    partSize: input.partSize,
    concurrency: input.concurrency,
    checksum: input.checksum,
    actualChecksum: outcome.actualChecksum,
    complete: outcome.complete,
    bytesAcknowledged: outcome.acknowledged,
    ms,
    mibPerSecond: outcome.acknowledged / MiB / (ms / 1000),
    parts: outcome.parts,
    mainThread: mainThreadStats(t0, t0 + ms),
    ...(outcome.phases ? { phases: outcome.phases } : {}),
  }
}
