import { describe, expect, it } from 'vitest'
import { selectFiles, selectTotals } from './selectors'
import { type UploadFileState, type UploaderState, initialUploaderState } from './state'
import { fileState } from '../testing/fakes'
import { countTotals } from './totals'

const file = (id: string, size: number, bytesSent: number, status: UploadFileState['status']): UploadFileState =>
  fileState(id, { size, bytesSent, status, speed: 10, startedAt: undefined })

const stateOf = (files: UploadFileState[]): UploaderState => ({
  ...initialUploaderState(),
  files: Object.fromEntries(files.map((f) => [f.id, f])),
  order: files.map((f) => f.id),
  totals: countTotals(files),
})

describe('selectors', () => {
  it('totals skip cancelled files, count each status and the speed of running files only', () => {
    const totals = selectTotals(
      stateOf([file('a', 100, 50, 'uploading'), file('b', 100, 100, 'done'), file('c', 1000, 0, 'cancelled'), file('d', 100, 40, 'error'), file('e', 10, 0, 'retrying')]),
    )
    expect(totals).toMatchObject({ files: 4, cancelled: 1, bytesTotal: 310, bytesSent: 190, active: 2, done: 1, failed: 1, speed: 20 })
    expect(totals.progress).toBeCloseTo(190 / 310)
    expect(totals.etaSeconds).toBe(6)
  })

  it("selectTotals is the state's own totals; selectFiles walks the files once per state", () => {
    const state = stateOf([file('a', 100, 50, 'uploading')])
    expect(selectTotals(state)).toBe(state.totals)
    expect(selectFiles(state)).toBe(selectFiles(state))
    const next = { ...state, files: { ...state.files, a: { ...state.files.a!, bytesSent: 100 } } }
    expect(selectFiles(next)).not.toBe(selectFiles(state))
    expect(selectFiles(next)[0]!.bytesSent).toBe(100)
  })
})
