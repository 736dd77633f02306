/**
 * The one owner of a file's status: a transition table, and a machine per file that changes
 * status only through it. The store shows what the machines decided; nothing else writes status.
 */
// Bundlers replace `process.env.NODE_ENV` in apps (so the development check below is compiled
// away in production); the library's own build leaves it for them. Declared here, not from
// @types/node: core runs in browsers.
declare const process: { readonly env: { readonly NODE_ENV?: string } }

export type FileStatus =
  | 'queued'
  | 'preparing'
  | 'uploading'
  | 'retrying'
  | 'completing'
  | 'paused'
  | 'done'
  | 'error'
  | 'cancelled'

/**
 * What can happen to a file; each event leads to one status.
 * - run: the scheduler starts a queued file (hashing, onBeforeUpload, creating or resuming the session)
 * - prepare: the session is made again (the server lost it, or a retried create)
 * - send: parts are being sent
 * - wait: nothing is sent; a backoff timer (or the network) is awaited before the next attempt
 * - complete: every part is stored and the completion call is in flight
 * - succeed / fail: done, or failed for good
 * - pause / resume, cancel / retry: the person's (or the network's) actions
 */
export type FileEvent = 'run' | 'prepare' | 'send' | 'wait' | 'complete' | 'succeed' | 'fail' | 'pause' | 'resume' | 'cancel' | 'retry'

const TARGET: Readonly<Record<FileEvent, FileStatus>> = {
  run: 'preparing',
  prepare: 'preparing',
  send: 'uploading',
  wait: 'retrying',
  complete: 'completing',
  succeed: 'done',
  fail: 'error',
  pause: 'paused',
  resume: 'queued',
  cancel: 'cancelled',
  retry: 'queued',
}

/**
 * The transition table: the events each status accepts. A completion in flight cannot be
 * paused (the server may finish it anyway), only cancelled; a finished file accepts nothing.
 */
export const TRANSITIONS: Readonly<Record<FileStatus, readonly FileEvent[]>> = {
  queued: ['run', 'pause', 'cancel'],
  preparing: ['send', 'wait', 'complete', 'succeed', 'fail', 'pause', 'cancel'],
  uploading: ['prepare', 'wait', 'complete', 'succeed', 'fail', 'pause', 'cancel'],
  retrying: ['prepare', 'send', 'complete', 'fail', 'pause', 'cancel'],
  completing: ['prepare', 'wait', 'succeed', 'fail', 'cancel'],
  paused: ['resume', 'cancel'],
  done: [],
  error: ['retry'],
  cancelled: ['retry'],
}

export const FILE_STATUSES = Object.keys(TRANSITIONS) as FileStatus[]
export const FILE_EVENTS = Object.keys(TARGET) as FileEvent[]

/** The status `event` leads to from `status`, or undefined when the table refuses it. */
export function nextStatus(status: FileStatus, event: FileEvent): FileStatus | undefined {
  return TRANSITIONS[status].includes(event) ? TARGET[event] : undefined
}

/** A file is being worked on (a slot, a timer or a request is held for it). */
export function isActive(status: FileStatus): boolean {
  return status === 'preparing' || status === 'uploading' || status === 'retrying' || status === 'completing'
}

/** Nothing more will happen to the file unless someone retries it. */
export function isFinal(status: FileStatus): boolean {
  return TRANSITIONS[status].length === 0 || TRANSITIONS[status].every((event) => event === 'retry')
}

export interface AllowedActions {
  start: boolean
  pause: boolean
  resume: boolean
  cancel: boolean
  retry: boolean
  remove: boolean
}

const ACTIONS = new Map<FileStatus, Readonly<AllowedActions>>(
  FILE_STATUSES.map((status) => [
    status,
    Object.freeze({
      start: nextStatus(status, 'run') !== undefined,
      pause: nextStatus(status, 'pause') !== undefined,
      resume: nextStatus(status, 'resume') !== undefined,
      cancel: nextStatus(status, 'cancel') !== undefined,
      retry: nextStatus(status, 'retry') !== undefined,
      // Remove is offered once the upload ended; removing a running file cancels it first.
      remove: isFinal(status),
    }),
  ]),
)

/** What a person may do to a file in this status; read from the transition table. */
export function allowedActions(status: FileStatus): Readonly<AllowedActions> {
  return ACTIONS.get(status)!
}

export interface FileMachine {
  readonly status: FileStatus
  /** Apply an event: true when the table allows it (and the status changed or stayed by it). */
  send(event: FileEvent): boolean
  /** Whether the table allows the event now. */
  can(event: FileEvent): boolean
}

/**
 * One file's machine. An event the table refuses is a bug in the engine: it throws in
 * development builds and is ignored (returning false) in production, where the check is
 * compiled away.
 */
export function createFileMachine(id: string, initial: FileStatus = 'queued'): FileMachine {
  let status = initial
  return {
    get status() {
      return status
    },
    can: (event) => nextStatus(status, event) !== undefined,
    send(event) {
      const next = nextStatus(status, event)
      if (next === undefined) {
        if (process.env.NODE_ENV !== 'production') {
          throw new Error(`Uplink: file ${id} cannot go from "${status}" by "${event}" (allowed: ${TRANSITIONS[status].join(', ') || 'none'}).`)
        }
        return false
      }
      status = next
      return true
    },
  }
}
