import { UploadError, toUploadError } from '../errors'
import { crc32cCombine } from '../hashing/crc32c'
import { hexToBase64 } from '../hashing/encoding'
import type { PartPlan, StartedUpload, StoredObject } from '../types'
import { callApi } from './api-call'
import { type EngineDeps, type FileRun, api, emptyProgress, untilAborted, urlBookFor } from './file-run'
import { sleep } from './retryer'
import { planParts } from './planner'
import { sendParts } from './send-parts'
import { sendWhole } from './single-request'
import { assertFileUnchanged, assertPartsMatchPlan, assertPlanCovers } from './verify'

const MAX_RESTARTS = 2

/**
 * Upload one file to the end: whole-file hash where asked, onBeforeUpload, then one request for
 * a small file, else create (or resume) the session, send the parts not yet stored, check that
 * they are exactly the file, and complete. A session the server lost is started over; a
 * tus-style offset conflict is resynced. A file that changed is never completed: its session
 * is aborted.
 */
export async function uploadFile(deps: EngineDeps, run: FileRun): Promise<StoredObject> {
  const { provider } = deps
  const { info, progress } = run
  await assertFileUnchanged(run.blob, info, run.handle)
  if ((deps.wholeFileHash || provider.wholeFileChecksum === 'sha256') && !info.sha256) {
    const { checksums, bytes } = await untilAborted(deps.hasher().then((hasher) => hasher.hashFile(run.blob, 'sha256')), run.signal)
    if (bytes !== info.size) throw new UploadError({ code: 'file-changed', message: `${info.name} read ${bytes} bytes; it had ${info.size} when it was added.` })
    info.sha256 = checksums.sha256!.hex
    run.onHashed(info.sha256)
  }
  const skipped = await run.beforeUpload()
  if (skipped) return skipped
  if (run.signal.aborted) throw toUploadError(run.signal.reason)

  const single = provider.singleRequest
  if (!progress.session && single && info.size <= Math.min(single.maxSize, deps.singleRequestMaxSize)) return sendWhole(deps, run, single)

  for (let restart = 0; ; restart++) {
    try {
      run.activity.phase('preparing')
      await ensureSession(deps, run)
      run.activity.phase('uploading')
      await sendParts(deps, run)
      const plan = progress.plan!
      assertPlanCovers(plan, info.size)
      const receipts = assertPartsMatchPlan(plan, progress.receipts, progress.measured)
      await assertFileUnchanged(run.blob, info, run.handle)
      const wholeFileChecksum = await wholeChecksum(deps, run)
      run.activity.phase('completing')
      const session = progress.session
      const result = await api(deps, run, 'the completion', (ctx) =>
        provider.completeUpload(session, receipts, { ...ctx, ...(wholeFileChecksum ? { wholeFileChecksum } : {}) }),
      )
      // Its resume record is forgotten by the caller, batched with other files' (write-batch.ts).
      return provider.settle ? await settle(deps, run, session, result) : result
    } catch (thrown) {
      const error = toUploadError(thrown)
      if (run.signal.aborted) throw error
      if (error.code === 'file-changed') {
        abandonSession(deps, run)
        throw error
      }
      if (error.code === 'session-lost' && restart < MAX_RESTARTS) {
        await discardSession(deps, run)
        continue
      }
      if (error.code === 'offset-mismatch' && restart < MAX_RESTARTS && (await resync(deps, run))) continue
      throw error
    }
  }
}

async function ensureSession(deps: EngineDeps, run: FileRun): Promise<void> {
  const { provider } = deps
  const { progress, info, key } = run
  if (progress.session) return
  let plan = planParts(info.size, provider.limits, deps.partSize())
  let started: StartedUpload<unknown> | null = null
  const stored = deps.records && provider.resumeUpload ? await deps.records.getUpload(key).catch(() => undefined) : undefined
  if (stored && stored.session.provider === provider.name) {
    const storedPlan = stored.session.plan
    const receipts = stored.parts.map(({ number, size, token, checksum }) => ({ number, size, ...(token ? { token } : {}), ...(checksum ? { checksum } : {}) }))
    started = await api(deps, run, 'the resume check', (ctx) =>
      provider.resumeUpload!({ snapshot: stored.session.snapshot, plan: storedPlan, receipts }, info, ctx),
    ).catch((error: unknown) => {
      if (run.signal.aborted) throw error
      return null // the server no longer knows it: start over
    })
    if (started) {
      for (const part of stored.parts) if (part.crc32c) progress.crc32c.set(part.number, part.crc32c)
      // The server may cut the rest anew (tus): a stored CRC-32C stands only for a part still where it was.
      if (started.plan) forgetRecut(progress, storedPlan, started.plan)
      plan = storedPlan // unless the server cut it anew, the plan the parts were stored on
    } else await deps.records!.deleteUploads([key]).catch(() => undefined)
  }
  started ??= await api(deps, run, 'the upload creation', (ctx) => provider.createUpload(info, plan, ctx))
  progress.session = started.session
  progress.plan = started.plan ?? plan
  progress.receipts = new Map((started.done ?? []).map((r) => [r.number, r]))
  progress.measured = new Map()
  progress.urls = urlBookFor(provider, started.urls)
  for (const number of progress.crc32c.keys()) if (!progress.receipts.has(number)) progress.crc32c.delete(number)
  if (deps.records && provider.persistSession) {
    const now = Date.now()
    const snapshot = provider.persistSession(progress.session)
    // The session's own end (URLs that cannot be renewed), when the snapshot says, else the record lifetime.
    const sessionEnd = (snapshot as { expiresAt?: unknown } | null)?.expiresAt
    await deps.records
      .putSession({
        key,
        provider: provider.name,
        snapshot,
        plan: progress.plan,
        createdAt: now,
        expiresAt: Math.min(now + deps.recordLifetimeMs, typeof sessionEnd === 'number' ? sessionEnd : Infinity),
      })
      .catch(() => undefined) // persistence is best effort: a full disk must not fail the upload
  }
}

/**
 * Wait for an API that finishes after the completion call (the provider's `settle`): ask with
 * backoff (200 ms doubling to 1 s) until it gives a result or its time is up; then the
 * completion's own result stands. Failed checks count as "not yet".
 */
async function settle(deps: EngineDeps, run: FileRun, session: unknown, result: StoredObject): Promise<StoredObject> {
  const { withinMs, check } = deps.provider.settle!
  const deadline = Date.now() + withinMs
  for (let delay = 200; ; delay = Math.min(delay * 2, 1000)) {
    const settled = await callApi((ctx) => check(session, result, ctx), run.signal, deps.apiTimeoutMs, 'the completion check').catch((error: unknown) => {
      if (run.signal.aborted) throw error
      return undefined
    })
    if (settled) return settled
    if (Date.now() + delay > deadline) return result
    await sleep(delay, run.signal)
  }
}

/** The whole-file checksum the provider checks at completion, from what was read already. */
async function wholeChecksum(deps: EngineDeps, run: FileRun): Promise<string | undefined> {
  const kind = deps.provider.wholeFileChecksum
  if (kind === 'sha256') return run.info.sha256 ? hexToBase64(run.info.sha256) : undefined
  if (kind !== 'crc32c') return undefined
  let crc = 0
  for (const part of run.progress.plan!) {
    let hex = run.progress.crc32c.get(part.number)
    if (!hex) {
      // Stored in an earlier session without its CRC (an older record): read this part once more.
      const hashed = await (await deps.hasher()).hashPart(run.blob.slice(part.offset, part.offset + part.size), ['crc32c'])
      hex = hashed.checksums.crc32c!.hex
      run.progress.crc32c.set(part.number, hex)
    }
    crc = crc32cCombine(crc, parseInt(hex, 16), part.size)
  }
  return hexToBase64(crc.toString(16).padStart(8, '0'))
}

async function resync(deps: EngineDeps, run: FileRun): Promise<boolean> {
  const { provider } = deps
  const { progress, info } = run
  if (!provider.resumeUpload || !progress.plan) return false
  const snapshot = provider.persistSession?.(progress.session) ?? progress.session
  const plan = progress.plan
  const started = await api(deps, run, 'the resume check', (ctx) => provider.resumeUpload!({ snapshot, plan, receipts: [...progress.receipts.values()] }, info, ctx))
  if (!started) {
    forgetSession(deps, run)
    return true
  }
  progress.session = started.session
  if (started.plan) {
    forgetRecut(progress, plan, started.plan)
    progress.plan = started.plan
  }
  progress.receipts = new Map((started.done ?? []).map((r) => [r.number, r]))
  if (started.urls?.length) progress.urls?.add(started.urls)
  return true
}

/**
 * A resync may re-cut the plan (tus splits the part the server's offset falls in, and numbers the
 * parts again): what was measured and hashed under a number belongs to other bytes now, unless
 * that part is where it was. Kept, a stale length fails the upload as file-changed and a stale
 * CRC-32C makes a wrong whole-file checksum; forgotten, the part's receipt and a fresh read stand.
 */
function forgetRecut(progress: FileRun['progress'], before: readonly PartPlan[], after: readonly PartPlan[]): void {
  for (const part of after) {
    // Plans are numbered from 1 in order; a part found elsewhere counts as moved (forgotten: safe).
    const old = before[part.number - 1]
    if (old?.number === part.number && old.offset === part.offset && old.size === part.size) continue
    progress.measured.delete(part.number)
    progress.crc32c.delete(part.number)
  }
}

/**
 * The session is given up for a new upload: let the adapter clean up what its API leaves behind
 * (Cognite's file resource with no content), best effort, then forget it.
 */
async function discardSession(deps: EngineDeps, run: FileRun): Promise<void> {
  const session = run.progress.session
  if (session !== undefined && deps.provider.discardUpload) {
    await callApi((ctx) => deps.provider.discardUpload!(session, ctx), run.signal, deps.apiTimeoutMs, 'the clean-up').catch(() => undefined)
  }
  forgetSession(deps, run)
}

function forgetSession(deps: EngineDeps, run: FileRun): void {
  Object.assign(run.progress, emptyProgress())
  void deps.records?.deleteUploads([run.key]).catch(() => undefined)
}

/** The file changed: the server's partial upload is useless, abort it (best effort) and forget it. */
function abandonSession(deps: EngineDeps, run: FileRun): void {
  const session = run.progress.session
  if (session !== undefined && deps.provider.abortUpload) {
    void callApi((ctx) => deps.provider.abortUpload!(session, ctx), new AbortController().signal, deps.apiTimeoutMs, 'the abort').catch(() => undefined)
  }
  forgetSession(deps, run)
}
