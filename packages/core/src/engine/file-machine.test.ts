import { describe, expect, it } from 'vitest'
import { FILE_EVENTS, FILE_STATUSES, type FileEvent, type FileStatus, allowedActions, createFileMachine, nextStatus } from './file-machine'

/** The table as a reader would write it: from each status, the statuses each event leads to. */
const expected: Record<FileStatus, Partial<Record<FileEvent, FileStatus>>> = {
  queued: { run: 'preparing', pause: 'paused', cancel: 'cancelled' },
  preparing: { send: 'uploading', wait: 'retrying', complete: 'completing', succeed: 'done', fail: 'error', pause: 'paused', cancel: 'cancelled' },
  uploading: { prepare: 'preparing', wait: 'retrying', complete: 'completing', succeed: 'done', fail: 'error', pause: 'paused', cancel: 'cancelled' },
  retrying: { prepare: 'preparing', send: 'uploading', complete: 'completing', fail: 'error', pause: 'paused', cancel: 'cancelled' },
  completing: { prepare: 'preparing', wait: 'retrying', succeed: 'done', fail: 'error', cancel: 'cancelled' },
  paused: { resume: 'queued', cancel: 'cancelled' },
  done: {},
  error: { retry: 'queued' },
  cancelled: { retry: 'queued' },
}

describe('the file state machine', () => {
  // Every (status, event) pair: 9 x 11 = 99 cases, each allowed or refused as the table says.
  for (const status of FILE_STATUSES) {
    for (const event of FILE_EVENTS) {
      const target = expected[status][event]
      it(`${status} + ${event} -> ${target ?? 'refused'}`, () => {
        expect(nextStatus(status, event)).toBe(target)
        const machine = createFileMachine('f1', status)
        if (target) {
          expect(machine.can(event)).toBe(true)
          expect(machine.send(event)).toBe(true)
          expect(machine.status).toBe(target)
        } else {
          expect(machine.can(event)).toBe(false)
          // Development builds throw on an illegal transition (the engine never sends one).
          expect(() => machine.send(event)).toThrow(`file f1 cannot go from "${status}" by "${event}"`)
          expect(machine.status).toBe(status)
        }
      })
    }
  }

  it('derives the actions a person may take from the same table', () => {
    const table = Object.fromEntries(FILE_STATUSES.map((s) => [s, Object.entries(allowedActions(s)).filter(([, ok]) => ok).map(([a]) => a)]))
    expect(table).toEqual({
      queued: ['start', 'pause', 'cancel'],
      preparing: ['pause', 'cancel'],
      uploading: ['pause', 'cancel'],
      retrying: ['pause', 'cancel'],
      completing: ['cancel'],
      paused: ['resume', 'cancel'],
      done: ['remove'],
      error: ['retry', 'remove'],
      cancelled: ['retry', 'remove'],
    })
    expect(allowedActions('done')).toBe(allowedActions('done')) // one frozen object per status
    expect(Object.isFrozen(allowedActions('queued'))).toBe(true)
  })
})
