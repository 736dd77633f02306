import type { FileStatus } from './file-machine'

export type Phase = 'preparing' | 'uploading' | 'completing'

/**
 * Works out what a running file is doing, for its status: the phase it is in, or "retrying"
 * when every lane it runs is waiting out a backoff (or the network) and nothing is being sent.
 */
export interface Activity {
  phase(phase: Phase): void
  /** A lane (an API call, or a lane of parts) starts or ends. */
  enter(): void
  leave(): void
  /** A lane starts or stops waiting before its next attempt. */
  waiting(waiting: boolean): void
}

export function createActivity(show: (status: FileStatus) => void): Activity {
  let phase: Phase = 'preparing'
  let lanes = 0
  let waits = 0
  let shown: FileStatus = 'preparing'
  const update = () => {
    const status: FileStatus = waits > 0 && waits >= lanes ? 'retrying' : phase
    if (status === shown) return
    shown = status
    show(status)
  }
  return {
    phase(next) {
      phase = next
      update()
    },
    enter() {
      lanes++
      update()
    },
    leave() {
      lanes--
      update()
    },
    waiting(on) {
      waits += on ? 1 : -1
      update()
    },
  }
}
