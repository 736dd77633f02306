import { UploadError, toUploadError } from '../errors'
import type { PartHasher } from '../hashing/part-hasher'
import type { ResumeStore } from '../persistence/resume-store'
import type { Transport } from '../transport/transport'
import type { FileInfo, PartPlan, PartReceipt, PreparedPart, StartedUpload, UploadProvider, UploadResult } from '../types'
import type { Limiter } from './limiter'
import { planParts } from './planner'
import { type RetryPolicy, withRetry } from './retry'
import { sendPart } from './send-part'

/** Kept per file across pause / resume / retry, so finished parts are never sent again. */
export interface FileProgress {
  fingerprint: string
  session: unknown
  plan: PartPlan[] | undefined
  receipts: Map<number, PartReceipt>
}

export interface RunUploadInput {
  file: Blob
  info: FileInfo
  progress: FileProgress
  provider: UploadProvider
  hasher: PartHasher
  transport: Transport
  /** Global cap on parts in flight, shared by every file. */
  limiter: Limiter
  /** Lanes this file may use at most (the limiter still decides). */
  concurrency: number
  partSize: number
  /** Files up to this size go in one request where the provider has a single-request path. */
  singleRequestMaxSize: number
  retry: RetryPolicy
  stallTimeoutMs: number
  resumeStore: ResumeStore | undefined
  signal: AbortSignal
  onProgress: (progress: { bytesSent: number; partsDone: number; partsTotal: number }) => void
  /** Told of every part's outcome, for tuning part size and concurrency. */
  onPartOutcome?: (outcome: { ok: true; bytes: number; ms: number } | { ok: false }) => void
}

const MAX_RESTARTS = 2

/**
 * Upload one file to the end: single request for small files, else create (or resume) the
 * session, send the parts not yet acknowledged through the shared limiter, and complete.
 * A session the server lost is started over; a tus-style offset conflict is resynced.
 */
export async function runUpload(input: RunUploadInput): Promise<UploadResult> {
  const { provider, info } = input
  const single = provider.singleRequest
  if (!input.progress.session && single && info.size <= Math.min(single.maxSize, input.singleRequestMaxSize)) {
    return sendWhole(input)
  }
  for (let restart = 0; ; restart++) {
    try {
      await ensureSession(input)
      await sendParts(input)
      const receipts = orderedReceipts(input.progress)
      const wholeFileChecksum = provider.wholeFileChecksum
        ? (await input.hasher.hashFile(input.file, provider.wholeFileChecksum)).base64
        : undefined
      const result = await withRetry(
        () => provider.completeUpload(input.progress.session, receipts, { signal: input.signal, ...(wholeFileChecksum ? { wholeFileChecksum } : {}) }),
        input.retry,
        input.signal,
      )
      await input.resumeStore?.delete(input.progress.fingerprint).catch(() => undefined)
      return result
    } catch (thrown) {
      const error = toUploadError(thrown)
      if (input.signal.aborted) throw error
      if (error.code === 'session-lost' && restart < MAX_RESTARTS) {
        forgetSession(input)
        continue
      }
      if (error.code === 'offset-mismatch' && restart < MAX_RESTARTS && (await resync(input))) continue
      throw error
    }
  }
}

async function sendWhole(input: RunUploadInput): Promise<UploadResult> {
  const { provider, info } = input
  const single = provider.singleRequest!
  const release = await input.limiter.acquire(input.signal)
  try {
    const algorithms = provider.partChecksum ? [provider.partChecksum] : []
    const { body, checksums } = await input.hasher.hash(input.file, 0, info.size, algorithms)
    const part: PreparedPart = { number: 1, offset: 0, size: info.size, checksums }
    let result: UploadResult | undefined
    await sendPart({
      part,
      body,
      transport: input.transport,
      retry: input.retry,
      stallTimeoutMs: input.stallTimeoutMs,
      signal: input.signal,
      request: (reason) => single.request(info, part, { signal: input.signal, reason }),
      accept: async (response) => {
        result = await single.result(info, response)
        return { number: 1, size: info.size }
      },
      onProgress: (loaded) => input.onProgress({ bytesSent: loaded, partsDone: 0, partsTotal: 1 }),
    })
    input.onProgress({ bytesSent: info.size, partsDone: 1, partsTotal: 1 })
    return result!
  } finally {
    release()
  }
}

async function ensureSession(input: RunUploadInput): Promise<void> {
  const { progress, provider, info, signal } = input
  if (progress.session) return
  const plan = planParts(info.size, provider.limits, input.partSize)
  let started: StartedUpload<unknown> | null = null
  const stored = provider.resumeUpload ? await input.resumeStore?.get(progress.fingerprint).catch(() => undefined) : undefined
  if (stored && stored.provider === provider.name) {
    started = await provider
      .resumeUpload!({ snapshot: stored.snapshot, plan: stored.plan, receipts: stored.receipts }, info, { signal })
      .catch((error: unknown) => {
        if (signal.aborted) throw error
        return null // the server no longer knows it: start over
      })
    if (started) started = { ...started, plan: started.plan ?? stored.plan }
  }
  started ??= await withRetry(() => provider.createUpload(info, plan, { signal }), input.retry, signal)
  progress.session = started.session
  progress.plan = started.plan ?? plan
  progress.receipts = new Map((started.done ?? []).map((r) => [r.number, r]))
  await persist(input)
}

async function resync(input: RunUploadInput): Promise<boolean> {
  const { provider, progress, info, signal } = input
  if (!provider.resumeUpload || !progress.plan) return false
  const snapshot = provider.persistSession?.(progress.session) ?? progress.session
  const started = await provider.resumeUpload({ snapshot, plan: progress.plan, receipts: [...progress.receipts.values()] }, info, { signal })
  if (!started) {
    forgetSession(input)
    return true
  }
  progress.session = started.session
  if (started.plan) progress.plan = started.plan
  progress.receipts = new Map((started.done ?? []).map((r) => [r.number, r]))
  return true
}

function forgetSession(input: RunUploadInput): void {
  input.progress.session = undefined
  input.progress.plan = undefined
  input.progress.receipts = new Map()
  void input.resumeStore?.delete(input.progress.fingerprint).catch(() => undefined)
}

async function persist(input: RunUploadInput): Promise<void> {
  const { provider, progress, resumeStore } = input
  if (!resumeStore || !provider.persistSession || !progress.plan) return
  await resumeStore
    .put({
      fingerprint: progress.fingerprint,
      provider: provider.name,
      snapshot: provider.persistSession(progress.session),
      plan: progress.plan,
      receipts: [...progress.receipts.values()],
      updatedAt: Date.now(),
    })
    .catch(() => undefined) // persistence is best effort: a full disk must not fail the upload
}

function orderedReceipts(progress: FileProgress): PartReceipt[] {
  return progress.plan!.map((part) => {
    const receipt = progress.receipts.get(part.number)
    if (!receipt) throw new UploadError({ code: 'provider', message: `Part ${part.number} finished without a receipt.` })
    return receipt
  })
}

async function sendParts(input: RunUploadInput): Promise<void> {
  const { provider, progress } = input
  const plan = progress.plan!
  const pending = plan.filter((part) => !progress.receipts.has(part.number))
  // The first part that fails for good stops the other lanes of this file.
  const stopLanes = new AbortController()
  const signal = AbortSignal.any([input.signal, stopLanes.signal])
  const inFlight = new Map<number, number>()
  let firstError: UploadError | undefined
  let next = 0

  const report = () => {
    let bytes = 0
    for (const receipt of progress.receipts.values()) bytes += receipt.size
    for (const loaded of inFlight.values()) bytes += loaded
    input.onProgress({ bytesSent: bytes, partsDone: progress.receipts.size, partsTotal: plan.length })
  }
  report()

  const algorithms = provider.partChecksum ? [provider.partChecksum] : []
  const lanes = Math.max(1, Math.min(input.concurrency, provider.maxConcurrency ?? Infinity, pending.length))
  // Each lane takes the next part, waits for a global slot, and keeps it while reading,
  // hashing and sending, so memory stays bounded by (slots x part size).
  const hashPart = (part: PartPlan) => input.hasher.hash(input.file, part.offset, part.offset + part.size, algorithms)
  // With a single lane (tus: parts strictly in order) nothing else would overlap hashing with
  // sending, so the next part is hashed while this one is sent. Bodies are file slices, so this
  // holds only a checksum, not the part's bytes.
  const readAhead = new Map<number, ReturnType<typeof hashPart>>()
  const runLane = async () => {
    while (next < pending.length && !signal.aborted) {
      const part = pending[next++]!
      const release = await input.limiter.acquire(signal)
      try {
        const hashed = readAhead.get(part.number) ?? hashPart(part)
        readAhead.delete(part.number)
        const following = lanes === 1 && algorithms.length > 0 ? pending[next] : undefined
        if (following) {
          const ahead = hashPart(following)
          ahead.catch(() => undefined) // its own lane turn reports any failure
          readAhead.set(following.number, ahead)
        }
        const { body, checksums } = await hashed
        const prepared: PreparedPart = { ...part, checksums }
        const session = progress.session
        const startedAt = Date.now()
        const receipt = await sendPart({
          part: prepared,
          body,
          transport: input.transport,
          retry: input.retry,
          stallTimeoutMs: input.stallTimeoutMs,
          signal,
          request: (reason) => provider.partRequest(session, prepared, { signal, reason }),
          ...(provider.classifyPartError ? { classify: (response) => provider.classifyPartError!(session, prepared, response) } : {}),
          accept: (response) => provider.partReceipt(session, prepared, response),
          onProgress: (loaded) => {
            inFlight.set(part.number, loaded)
            report()
          },
          onRetry: () => input.onPartOutcome?.({ ok: false }),
        })
        input.onPartOutcome?.({ ok: true, bytes: part.size, ms: Date.now() - startedAt })
        inFlight.delete(part.number)
        progress.receipts.set(part.number, receipt)
        report()
        await persist(input)
        if (provider.checkpoint) await provider.checkpoint(session, [receipt], { signal }).catch(() => undefined)
      } finally {
        inFlight.delete(part.number)
        release()
      }
    }
  }
  const lane = async () => {
    try {
      await runLane()
    } catch (error) {
      firstError ??= toUploadError(error)
      stopLanes.abort(firstError)
    }
  }

  await Promise.all(Array.from({ length: lanes }, lane))
  if (input.signal.aborted) throw toUploadError(input.signal.reason ?? new UploadError({ code: 'aborted', message: 'The upload was cancelled.' }))
  if (firstError) throw firstError
}
