import { selectFiles } from '@uplink/core'
import { smallFiles } from './big-blob'
import { fetchEach, fetchPresigned, presignAll } from './fetch-baseline'
import { mainThreadStats, settleObservers } from './long-tasks'
import type { ManyInput, ManyRun } from './protocol'
import { hideList, showList } from './react-list'
import { benchUploader } from './uplink-runs'

const twoFrames = () => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())))

/**
 * Many small files added at once: by Uplink (engine alone, or with the React FileList on
 * screen) or by plain fetch (one signer call and one PUT per file). The files are made before
 * the clock starts. A run that reaches `capMs` is stopped; its rate is files done per second.
 */
export async function many(input: ManyInput): Promise<ManyRun> {
  const files = smallFiles(input.count, input.size)
  const plainFetch = input.mode === 'fetch' || input.mode === 'fetch-presigned'
  // The presigned baseline's URLs are signed before the clock starts: it measures the link alone.
  const presigned = input.mode === 'fetch-presigned' ? await presignAll(input.signerUrl, files) : undefined
  const made = plainFetch ? undefined : benchUploader(input.signerUrl, input.checksum, { concurrency: input.concurrency })
  if (made && input.mode === 'uplink-react') {
    showList(made.uploader)
    await twoFrames()
  }
  await twoFrames()
  const deadline = AbortSignal.timeout(input.capMs)
  let addCallMs = 0
  let addedAt: number
  let done: number
  let failed: number
  const t0 = performance.now()
  if (!made) {
    addedAt = t0
    ;({ done, failed } = presigned
      ? await fetchPresigned(presigned, files, input.concurrency, deadline)
      : await fetchEach(input.signerUrl, files, input.concurrency, deadline))
  } else {
    const { uploader } = made
    await uploader.addFiles(files)
    addCallMs = performance.now() - t0
    await twoFrames()
    addedAt = performance.now()
    const capped = new Promise<void>((resolve) => deadline.addEventListener('abort', () => resolve(), { once: true }))
    await Promise.race([uploader.whenIdle(), capped])
    const states = selectFiles(uploader.store.getState())
    done = states.filter((f) => f.status === 'done').length
    failed = states.filter((f) => f.status === 'error').length
  }
  const ms = performance.now() - t0
  if (made) {
    made.uploader.cancelAll()
    hideList()
    made.uploader.dispose()
  }
  await settleObservers()
  return {
    mode: input.mode,
    count: input.count,
    size: input.size,
    concurrency: input.concurrency,
    actualChecksum: made?.actualChecksum ?? 'none',
    complete: done === input.count,
    done,
    failed,
    addCallMs,
    ms,
    filesPerSecond: done / (ms / 1000),
    whileAdding: mainThreadStats(t0, addedAt),
    wholeRun: mainThreadStats(t0, t0 + ms),
  }
}
