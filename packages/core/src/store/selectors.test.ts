import { describe, expect, it } from 'vitest'
import { selectFiles, selectTotals } from './selectors'
import { type UploadFileState, type UploaderState, initialUploaderState } from './state'

const file = (id: string, size: number, bytesSent: number, status: UploadFileState['status']): UploadFileState => ({
  id,
  name: id,
  size,
  type: '',
  relativePath: undefined,
  status,
  pausedBy: undefined,
  bytesSent,
  partsTotal: 1,
  partsDone: 0,
  speed: 10,
  etaSeconds: undefined,
  sha256: undefined,
  error: undefined,
  result: undefined,
  addedAt: 0,
  startedAt: undefined,
  finishedAt: undefined,
})

const stateOf = (files: UploadFileState[]): UploaderState => ({
  ...initialUploaderState(),
  files: Object.fromEntries(files.map((f) => [f.id, f])),
  order: files.map((f) => f.id),
})

describe('selectors', () => {
  it('totals skip cancelled files and count each status', () => {
    const totals = selectTotals(stateOf([file('a', 100, 50, 'uploading'), file('b', 100, 100, 'done'), file('c', 1000, 0, 'cancelled')]))
    expect(totals).toMatchObject({ files: 2, bytesTotal: 200, bytesSent: 150, progress: 0.75, uploading: 1, done: 1, speed: 20, etaSeconds: 2.5 })
  })

  it('walk the files once per state: the same state gives the same result, a new state a new one', () => {
    const state = stateOf([file('a', 100, 50, 'uploading')])
    expect(selectTotals(state)).toBe(selectTotals(state))
    expect(selectFiles(state)).toBe(selectFiles(state))
    const next = { ...state, files: { ...state.files, a: { ...state.files.a!, bytesSent: 100 } } }
    expect(selectTotals(next)).not.toBe(selectTotals(state))
    expect(selectTotals(next).bytesSent).toBe(100)
    expect(selectFiles(next)[0]!.bytesSent).toBe(100)
  })
})
