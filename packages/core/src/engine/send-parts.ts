import { UploadError, toUploadError } from '../errors'
import type { Hashed } from '../hashing/part-hasher'
import type { PartPlan, PartRequest, PartRequestReason, PreparedPart, UrlRequestPart } from '../types'
import type { BookedUrl } from '../urls/url-book'
import { sendPart } from './send-part'
import { callApi } from './api-call'
import { type EngineDeps, type FileRun, partAlgorithms, recordPart, retryFor, untilAborted } from './file-run'

const short = (part: PartPlan, bytes: number) =>
  new UploadError({ code: 'file-changed', message: `Part ${part.number} read ${bytes} bytes where the plan has ${part.size}: the file changed or is shorter than it said.` })

/**
 * Send every part the server does not hold yet. Each lane takes the next part, waits for a
 * global slot and keeps it while reading, hashing, sending and recording the part, so memory
 * stays bounded by (slots x part size) and a part's record is durable before its slot is
 * handed on. Each byte of the file is sliced once: the slice is what is hashed and what is sent.
 */
export async function sendParts(deps: EngineDeps, run: FileRun): Promise<void> {
  const { provider } = deps
  const { progress } = run
  const plan = progress.plan!
  const pending = plan.filter((part) => !progress.receipts.has(part.number))
  // The first part that fails for good stops the other lanes of this file.
  const stopLanes = new AbortController()
  const signal = AbortSignal.any([run.signal, stopLanes.signal])
  const laneRun: FileRun = { ...run, signal }
  const inFlight = new Map<number, number>()
  let firstError: UploadError | undefined
  let next = 0

  const report = () => {
    let bytes = 0
    for (const receipt of progress.receipts.values()) bytes += receipt.size
    for (const loaded of inFlight.values()) bytes += loaded
    run.onProgress({ bytesSent: bytes, partsDone: progress.receipts.size, partsTotal: plan.length })
  }
  report()

  const algorithms = partAlgorithms(provider)
  const lanes = Math.max(1, Math.min(deps.concurrency(), provider.maxConcurrency ?? Infinity, pending.length))
  const slice = (part: PartPlan) => run.blob.slice(part.offset, part.offset + part.size)
  const read = (part: PartPlan, body: Blob): Promise<Hashed> =>
    algorithms.length > 0 ? deps.hasher().then((hasher) => hasher.hashPart(body, algorithms)) : Promise.resolve({ checksums: {}, bytes: body.size })
  // With a single lane (tus: parts strictly in order) nothing else would overlap hashing with
  // sending, so the next part is hashed while this one is sent (a checksum, not bytes, is held).
  const readAhead = new Map<number, { body: Blob; hashed: Promise<Hashed> }>()
  // The part each lane holds, read and hashed once: a batch of URLs signed over checksums takes
  // a lane's hash from here rather than reading the part again.
  const inLanes = new Map<number, { body: Blob; hashed: Promise<Hashed> }>()
  const prepare = (part: PartPlan) => {
    const ahead = readAhead.get(part.number)
    readAhead.delete(part.number)
    const prepared = ahead ?? { body: slice(part), hashed: undefined as unknown as Promise<Hashed> }
    if (!ahead) prepared.hashed = read(part, prepared.body)
    inLanes.set(part.number, prepared)
    return prepared
  }

  // Part URLs, where the API hands them out: the engine's book, fetched in batches of the part a
  // lane needs and the parts after it (hashed ones only, where a URL is signed over a checksum).
  const book = progress.urls
  const source = provider.partUrls
  const session = progress.session
  const fetchUrls =
    book && source?.fetch
      ? (parts: readonly UrlRequestPart[]) => callApi((ctx) => source.fetch!(session, parts, ctx), signal, deps.apiTimeoutMs, 'the part URLs')
      : undefined
  const after = (part: PartPlan) => pending.slice(pending.findIndex((p) => p.number === part.number) + 1).filter((p) => !progress.receipts.has(p.number))
  const upcoming = (part: PartPlan) => () => after(part)
  /**
   * Where each URL is signed over its part's checksum (S3 additional checksums), the next parts
   * of a batch are hashed before it is asked for (checksums only: their bodies stay Blob slices,
   * and each lane later takes its part's hash from here, never reading it twice), so one signer
   * call covers a batch of parts, not one (issue #14: at most one call per 8 parts).
   */
  // Parts whose batch is being hashed, and that batch: a lane needing one of them waits for it.
  const preparing = new Map<number, Promise<UrlRequestPart[]>>()
  const hashedAhead = (part: PartPlan): Promise<UrlRequestPart[]> => {
    const joined = preparing.get(part.number)
    if (joined) return joined.then((ready) => ready.filter((p) => p.number !== part.number))
    const size = Math.max(1, source?.batchSize ?? 10)
    const batch = after(part)
      .filter((p) => !book!.covers(p.number) && !preparing.has(p.number))
      .slice(0, size - 1)
    const ready = hashBatch(batch)
    for (const p of [part, ...batch]) preparing.set(p.number, ready)
    const done = () => [part, ...batch].forEach((p) => preparing.get(p.number) === ready && preparing.delete(p.number))
    ready.then(done, done)
    return ready
  }
  const hashBatch = async (batch: PartPlan[]): Promise<UrlRequestPart[]> => {
    const hashed = batch.map((p) => {
      let ahead = readAhead.get(p.number) ?? inLanes.get(p.number)
      if (!ahead) {
        const body = slice(p)
        ahead = { body, hashed: read(p, body) }
        ahead.hashed.catch(() => undefined) // its own turn reports any failure
        readAhead.set(p.number, ahead)
      }
      return ahead.hashed.then(({ checksums, bytes }) => (bytes === p.size ? { ...p, checksums } : undefined))
    })
    const ready = await untilAborted(Promise.all(hashed), signal)
    return ready.filter((p): p is UrlRequestPart & { checksums: PreparedPart['checksums'] } => p !== undefined)
  }
  /** The request of each attempt to send `part`: a fresh URL after an expired one, with everything issued with it. */
  const partTarget = (part: PreparedPart) => {
    let used: BookedUrl | undefined
    return async (reason: PartRequestReason): Promise<PartRequest> => {
      if (book) {
        if (reason === 'expired' && used) book.expired(used)
        if (source?.signsChecksum && !book.covers(part.number)) {
          const ready = await hashedAhead(part)
          used = await book.get(part, () => ready, fetchUrls)
        } else {
          used = await book.get(part, upcoming(part), fetchUrls)
        }
      }
      const url = used
      const request = await callApi(async (ctx) => provider.partRequest(session, part, { ...ctx, reason, ...(url ? { url } : {}) }), signal, deps.apiTimeoutMs, 'the part request')
      return url?.expiresAt !== undefined && request.expiresAt === undefined ? { ...request, expiresAt: url.expiresAt } : request
    }
  }

  const runLane = async () => {
    while (next < pending.length && !signal.aborted) {
      const part = pending[next++]!
      const release = await deps.limiter.acquire(signal)
      try {
        const { body, hashed } = prepare(part)
        const following = lanes === 1 && algorithms.length > 0 ? pending[next] : undefined
        if (following && !readAhead.has(following.number)) {
          const aheadBody = slice(following)
          const aheadHashed = read(following, aheadBody)
          aheadHashed.catch(() => undefined) // its own turn reports any failure
          readAhead.set(following.number, { body: aheadBody, hashed: aheadHashed })
        }
        const { checksums, bytes } = await untilAborted(hashed, signal)
        if (bytes !== part.size) throw short(part, bytes)
        if (checksums.crc32c) progress.crc32c.set(part.number, checksums.crc32c.hex)
        const prepared: PreparedPart = { ...part, checksums }
        const session = progress.session
        const startedAt = Date.now()
        const target = partTarget(prepared)
        const receipt = await sendPart({
          part: prepared,
          body,
          transport: deps.transport,
          retry: retryFor(deps, laneRun),
          stallTimeoutMs: deps.stallTimeoutMs,
          // Retried by sendPart's own loop (with a fresh URL where one expired), not twice over.
          request: target,
          errors: provider.errors,
          accept: (response) => provider.partReceipt(session, prepared, response),
          onProgress: (loaded) => {
            inFlight.set(part.number, loaded)
            report()
          },
          onRetry: () => deps.onPartOutcome?.({ ok: false }),
        })
        deps.onPartOutcome?.({ ok: true, bytes: part.size, ms: Date.now() - startedAt })
        inFlight.delete(part.number)
        progress.receipts.set(part.number, receipt)
        progress.measured.set(part.number, body.size)
        report()
        await recordPart(deps, run, receipt)
        if (provider.checkpoint) {
          await callApi((ctx) => provider.checkpoint!(session, [receipt], ctx), signal, deps.apiTimeoutMs, 'the checkpoint').catch(() => undefined)
        }
        run.onPartDone(part)
      } finally {
        inFlight.delete(part.number)
        inLanes.delete(part.number)
        release()
      }
    }
  }
  const lane = async () => {
    run.activity.enter()
    try {
      await runLane()
    } catch (error) {
      firstError ??= toUploadError(error)
      stopLanes.abort(firstError)
    } finally {
      run.activity.leave()
    }
  }

  await Promise.all(Array.from({ length: lanes }, lane))
  // An aborted signal always has a reason (an AbortError where none was given): read as 'aborted'.
  if (run.signal.aborted) throw toUploadError(run.signal.reason)
  if (firstError) throw firstError
}
