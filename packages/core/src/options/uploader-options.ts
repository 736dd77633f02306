import { UploadError } from '../errors'
import type { RetryPolicy } from '../engine/retryer'
import type { OnlineManager } from '../environment/online-manager'
import type { Restrictions } from '../files/restrictions'
import type { PartHasher } from '../hashing/part-hasher'
import type { PersistenceOptions } from '../persistence/persistence'
import type { UploadFileState } from '../store/state'
import type { Transport } from '../transport/transport'
import type { FileInfo, StoredObject, UploadProvider, UploadResult } from '../types'
import { checkBoolean, checkFunction, checkInteger, checkNumber, checkObject, invalidOption } from './validate'

/** `{ skip: result }` marks the file done without sending it; anything else sends it. */
export type BeforeUploadDecision = { skip: StoredObject } | undefined

export interface UploaderOptions {
  provider: UploadProvider
  /** Preferred part size in bytes (fitted to the provider's limits), or 'auto' to adapt it to the link. */
  partSize?: number | 'auto'
  /** Parts in flight at once, across all files (1 to 64). Default 4. */
  concurrency?: number
  /** Files being worked on at once (the rest wait, queued). Default: 2 x concurrency. */
  maxActiveFiles?: number
  /** Files up to this size travel as one request where the provider allows it. Default 8 MiB. */
  singleRequestMaxSize?: number
  /** Start each file as soon as it is added. Default true. */
  autoStart?: boolean
  restrictions?: Restrictions
  retry?: Partial<RetryPolicy>
  /** Abort and retry a part request when no byte has moved for this long (ms). Default 30 s. */
  stallTimeoutMs?: number
  /** Deadline of every provider API call (create, sign, complete, abort, …), ms. Default 30 s. */
  apiTimeoutMs?: number
  /**
   * Remember unfinished uploads (and optionally the files) per account, for resume after a
   * reload. Off unless given; `scope` is required (e.g. the signed-in user's id).
   */
  persistence?: PersistenceOptions | false
  /** Compute each file's SHA-256 before it is sent (available to onBeforeUpload and the provider). Costs a second read of the file. */
  wholeFileHash?: boolean
  /**
   * Called before a file is sent, after its whole-file hash when asked for. Return `{ skip: result }`
   * when the server already holds this content: the file is marked done without sending.
   */
  onBeforeUpload?: (file: UploadFileState, info: FileInfo) => BeforeUploadDecision | Promise<BeforeUploadDecision>
  onComplete?: (file: UploadFileState, result: UploadResult) => void
  onError?: (file: UploadFileState, error: UploadError) => void
  /** Hashing workers: how many (1 to 16), how long one may take to start (ms), and what to do when none can. */
  hashing?: { workers?: number; readyTimeoutMs?: number; fallback?: 'main-thread' | 'fail' }
  /** Replaces the worker pool (tests, custom bundlers). */
  hasher?: PartHasher
  /** Replaces the XHR transport (tests, non-browser runtimes). */
  transport?: Transport
  /** Replaces the browser's online/offline events (tests). */
  onlineManager?: OnlineManager
}

const GiB = 1024 ** 3

/** Every option checked when the uploader is created; the first bad one is thrown. */
export function validateOptions(options: UploaderOptions): void {
  checkObject('options', options)
  if (!options) throw invalidOption('options', options, 'an object')
  const { provider } = options
  if (!provider || typeof provider !== 'object' || typeof provider.name !== 'string' || typeof provider.createUpload !== 'function') {
    throw invalidOption('provider', provider, 'an upload provider (e.g. createS3Provider(…))')
  }
  if (options.partSize !== 'auto') checkInteger('partSize', options.partSize, 1, 5 * GiB)
  checkInteger('concurrency', options.concurrency, 1, 64)
  checkInteger('maxActiveFiles', options.maxActiveFiles, 1, 10_000)
  checkInteger('singleRequestMaxSize', options.singleRequestMaxSize, 0, 5 * GiB)
  checkBoolean('autoStart', options.autoStart)
  checkNumber('stallTimeoutMs', options.stallTimeoutMs, 1)
  checkNumber('apiTimeoutMs', options.apiTimeoutMs, 1)
  checkBoolean('wholeFileHash', options.wholeFileHash)
  for (const name of ['onBeforeUpload', 'onComplete', 'onError'] as const) checkFunction(name, options[name])

  checkObject('retry', options.retry)
  const retry = options.retry ?? {}
  checkInteger('retry.attempts', retry.attempts, 1, 100)
  checkNumber('retry.baseDelayMs', retry.baseDelayMs, 0)
  checkNumber('retry.maxDelayMs', retry.maxDelayMs, 0)
  if (retry.baseDelayMs !== undefined && retry.maxDelayMs !== undefined && retry.maxDelayMs < retry.baseDelayMs) {
    throw invalidOption('retry.maxDelayMs', retry.maxDelayMs, `at least retry.baseDelayMs (${retry.baseDelayMs})`)
  }

  checkObject('restrictions', options.restrictions)
  const restrictions = options.restrictions ?? {}
  checkInteger('restrictions.maxFileSize', restrictions.maxFileSize, 0)
  checkInteger('restrictions.minFileSize', restrictions.minFileSize, 0)
  checkInteger('restrictions.maxFiles', restrictions.maxFiles, 0)
  checkInteger('restrictions.maxTotalSize', restrictions.maxTotalSize, 0)
  checkFunction('restrictions.validate', restrictions.validate)
  const accept: unknown = restrictions.accept
  if (accept !== undefined && typeof accept !== 'string' && !(Array.isArray(accept) && accept.every((rule) => typeof rule === 'string'))) {
    throw invalidOption('restrictions.accept', accept, 'a string or a list of strings (".pdf", "image/*")')
  }

  checkObject('hashing', options.hashing)
  checkInteger('hashing.workers', options.hashing?.workers, 1, 16)
  checkNumber('hashing.readyTimeoutMs', options.hashing?.readyTimeoutMs, 1)
  const fallback: unknown = options.hashing?.fallback
  if (fallback !== undefined && fallback !== 'main-thread' && fallback !== 'fail') throw invalidOption('hashing.fallback', fallback, '"main-thread" or "fail"')

  const persistence: unknown = options.persistence
  if (persistence !== undefined && persistence !== false) {
    checkObject('persistence', persistence)
    const p = persistence as Partial<PersistenceOptions>
    if (typeof p.scope !== 'string' || p.scope.trim() === '') {
      throw invalidOption('persistence.scope', p.scope, "the account the records belong to, e.g. the signed-in user's id (resume and kept files need it)")
    }
    checkBoolean('persistence.resume', p.resume)
    checkBoolean('persistence.keepFiles', p.keepFiles)
    checkInteger('persistence.maxKeptFileSize', p.maxKeptFileSize, 0)
    checkNumber('persistence.maxAgeMs', p.maxAgeMs, 1)
    if (p.storage !== undefined && p.storage !== 'indexeddb' && p.storage !== 'memory') throw invalidOption('persistence.storage', p.storage, '"indexeddb" or "memory"')
  }
}
