import type { FileMachine } from '../engine/file-machine'
import type { EngineDeps, FileProgress } from '../engine/file-run'
import type { Scheduler } from '../engine/scheduler'
import type { SpeedMeter } from '../engine/speed-meter'
import type { OnlineManager } from '../environment/online-manager'
import type { Emitter } from '../events/emitter'
import type { FrameThrottle } from '../events/frame-throttle'
import type { UploaderEvents } from '../events/uploader-events'
import type { UploaderOptions } from '../options/uploader-options'
import type { Persistence } from '../persistence/persistence'
import type { Projection } from '../store/projection'
import type { FileInfo } from '../types'

/** The engine's record of one file the uploader holds. */
export interface Entry {
  id: string
  blob: Blob
  info: FileInfo
  handle: FileSystemFileHandle | undefined
  /** The file's key in the resume records. */
  key: string
  machine: FileMachine
  progress: FileProgress
  controller: AbortController | undefined
  /** The current run, until it has wound down (a resumed file waits for its paused run to end). */
  running: Promise<void> | undefined
  /** Created when the file first runs (10,000 queued files need none). */
  meter: SpeedMeter | undefined
}

/** The uploader's parts, as the control modules (runs, actions, network) share them. */
export interface UploaderContext {
  options: UploaderOptions
  deps: EngineDeps
  entries: Map<string, Entry>
  projection: Projection
  emitter: Emitter<UploaderEvents>
  /** Set by the wiring once the scheduler exists (it needs runFile, which needs the context). */
  scheduler: Scheduler
  persistence: Persistence | undefined
  online: OnlineManager
  progressEvents: FrameThrottle<number>
  /** Where hashing ran, once a hasher exists. */
  hashingMode(): 'worker' | 'main-thread' | undefined
  readonly disposed: boolean
}
