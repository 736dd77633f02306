import { UploadError } from '../errors'
import { yieldToPage as defaultYieldToPage } from '../environment/yield-to-page'
import {
  type AcceptedFile,
  type AddFilesResult,
  type FileInput,
  type RejectedFile,
  type RestrictionCounters,
  prepareFile,
} from './add-files'
import type { Restrictions } from './restrictions'

export interface FileIntakeOptions {
  restrictions: Restrictions | undefined
  /** What is in the uploader when a batch starts: what its restrictions count against. */
  currentCounts: () => RestrictionCounters
  /**
   * Per-file work for an accepted file, done while preparing (so it counts against the slice's
   * time): the engine's own bookkeeping.
   */
  register?: (accepted: AcceptedFile) => void
  /** Put one slice of accepted files into the uploader (one store write per slice). */
  commit: (accepted: AcceptedFile[]) => void
  /** Longest stretch of preparing files before the page gets the main thread back, ms. */
  sliceMs?: number
  /** Clock and yield, replaceable in tests. */
  now?: () => number
  yieldToPage?: () => Promise<void>
}

interface Batch {
  inputs: Iterator<FileInput>
  ids: string[]
  rejected: RejectedFile[]
  counters: RestrictionCounters | undefined
  settle: (outcome: { result: AddFilesResult } | { error: unknown }) => void
}

export interface FileIntake {
  /** Queue a batch; it is added in order after any batch before it. */
  add(inputs: Iterable<FileInput>): Promise<AddFilesResult>
  /** Settles once every batch queued so far has been added. */
  readonly drained: Promise<void>
  /** Stop adding: files not yet added come back as rejected with code "aborted". */
  abandon(reason: string): void
}

/** How often the clock is read while preparing files (reading it per file would cost more). */
const CLOCK_EVERY = 16

/**
 * Adds files in time slices: each slice prepares files until its time is up, then commits them
 * in one store write, so 10,000 (or 100,000) files never hold the main thread for long, and the
 * first files start uploading while the rest are still being added. The first slice runs inside
 * the caller's task, so a small batch is in the store by the time `add` returns.
 */
export function createFileIntake(options: FileIntakeOptions): FileIntake {
  const sliceMs = options.sliceMs ?? 8
  const now = options.now ?? (() => performance.now())
  const yieldToPage = options.yieldToPage ?? defaultYieldToPage
  const batches: Batch[] = []
  let draining = false
  let drained: Promise<void> = Promise.resolve()

  const finish = (batch: Batch) => batch.settle({ result: { ids: batch.ids, rejected: batch.rejected } })

  /** Prepare files until the deadline, committing what was accepted; settle the batches that end. */
  function runSlice(deadline: number) {
    let accepted: AcceptedFile[] = []
    const commit = () => {
      if (accepted.length > 0) options.commit(accepted)
      accepted = []
    }
    const timestamp = Date.now()
    let prepared = 0
    while (batches.length > 0) {
      const batch = batches[0]!
      batch.counters ??= options.restrictions ? { ...options.currentCounts() } : { count: 0, totalSize: 0 }
      const next = batch.inputs.next()
      if (next.done) {
        // Committed before the next batch counts what is in the uploader.
        commit()
        finish(batches.shift()!)
        continue
      }
      const outcome = prepareSafely(next.value, options.restrictions, batch.counters, timestamp)
      if ('accepted' in outcome) {
        options.register?.(outcome.accepted)
        accepted.push(outcome.accepted)
        batch.ids.push(outcome.accepted.state.id)
      } else batch.rejected.push(outcome.rejected)
      if (++prepared % CLOCK_EVERY === 0 && now() >= deadline) break
    }
    commit()
  }

  async function drain() {
    draining = true
    try {
      for (;;) {
        runSlice(now() + sliceMs)
        if (batches.length === 0) return
        await yieldToPage()
      }
    } catch (error) {
      // A subscriber threw during a commit: every waiting caller hears of it, none hangs.
      for (const batch of batches.splice(0)) batch.settle({ error })
    } finally {
      draining = false
    }
  }

  return {
    add(inputs) {
      return new Promise<AddFilesResult>((resolve, reject) => {
        batches.push({
          inputs: inputs[Symbol.iterator](),
          ids: [],
          rejected: [],
          counters: undefined,
          settle: (outcome) => ('result' in outcome ? resolve(outcome.result) : reject(outcome.error)),
        })
        if (!draining) drained = drain()
      })
    },
    get drained() {
      return drained
    },
    abandon(reason) {
      const error = new UploadError({ code: 'aborted', message: reason }).toJSON()
      for (const batch of batches.splice(0)) {
        for (let next = batch.inputs.next(); !next.done; next = batch.inputs.next()) {
          const input = next.value
          batch.rejected.push({ name: input.name, size: input instanceof Blob ? input.size : input.file.size, error })
        }
        finish(batch)
      }
    },
  }
}

/** A throwing `validate` restriction refuses that file; it never stops the rest of the batch. */
function prepareSafely(input: FileInput, restrictions: Restrictions | undefined, counters: RestrictionCounters, timestamp: number) {
  try {
    return prepareFile(input, restrictions, counters, timestamp)
  } catch (thrown) {
    const message = `${input.name} could not be checked: ${thrown instanceof Error ? thrown.message : String(thrown)}`
    const size = input instanceof Blob ? input.size : input.file.size
    return { rejected: { name: input.name, size, error: new UploadError({ code: 'restricted', message }).toJSON() } }
  }
}
