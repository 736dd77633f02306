import { describe, expect, it } from 'vitest'
import { initialUploaderState } from '../store/state'
import type { UploaderState } from '../store/state'
import type { AcceptedFile } from './add-files'
import { type FileIntakeOptions, createFileIntake } from './file-intake'
import type { Restrictions } from './restrictions'

const file = (name: string, size = 1) => new File([new Uint8Array(size)], name)
const files = (count: number, prefix = 'f') => Array.from({ length: count }, (_, i) => file(`${prefix}${i}`))

/**
 * A fake clock that advances 1 ms per file checked (through the `validate` restriction), and
 * a yield that records where the page got the main thread back.
 */
function harness(restrictions: Restrictions = {}, overrides: Partial<FileIntakeOptions> = {}) {
  let clock = 0
  const events: string[] = []
  const slices: string[][] = []
  let state: UploaderState = initialUploaderState()
  const commit = (accepted: AcceptedFile[]) => {
    slices.push(accepted.map((a) => a.state.name))
    events.push(`commit ${accepted.length}`)
    const files = { ...state.files }
    for (const a of accepted) files[a.state.id] = a.state
    state = { ...state, files, order: [...state.order, ...accepted.map((a) => a.state.id)] }
  }
  const intake = createFileIntake({
    restrictions: {
      ...restrictions,
      validate: (f) => {
        clock += 1
        return restrictions.validate?.(f)
      },
    },
    currentCounts: () => ({ count: state.order.length, totalSize: state.order.reduce((sum, id) => sum + state.files[id]!.size, 0) }),
    commit,
    sliceMs: 8,
    now: () => clock,
    yieldToPage: async () => {
      events.push('yield')
    },
    ...overrides,
  })
  return { intake, events, slices, state: () => state }
}

describe('file intake', () => {
  it('adds a large batch in slices that end when their time is up, yielding between them', async () => {
    const { intake, events, slices, state } = harness()
    const added = intake.add(files(100))
    // The first slice ran inside the call: the page sees files at once.
    expect(slices).toHaveLength(1)
    const { ids, rejected } = await added
    expect(rejected).toEqual([])
    expect(ids).toHaveLength(100)
    expect(state().order).toEqual(ids)
    // The clock is read every 16 files; 8 ms of budget at 1 ms per file: slices of 16.
    expect(slices.map((s) => s.length)).toEqual([16, 16, 16, 16, 16, 16, 4])
    expect(events.filter((e) => e === 'yield')).toHaveLength(6)
    expect(events[1]).toBe('yield')
    expect(slices.flat()).toEqual(files(100).map((f) => f.name))
  })

  it('puts a small batch in the store before add() returns', () => {
    const { intake, events, state } = harness()
    void intake.add(files(3))
    expect(state().order).toHaveLength(3)
    expect(events).toEqual(['commit 3'])
  })

  it('counts restrictions across slices and across batches, in call order', async () => {
    const { intake, state } = harness({ maxFiles: 40 })
    const first = intake.add(files(30, 'a'))
    const second = intake.add(files(30, 'b'))
    const [a, b] = await Promise.all([first, second])
    expect(a.ids).toHaveLength(30)
    expect(b.ids).toHaveLength(10)
    expect(b.rejected).toHaveLength(20)
    expect(b.rejected[0]).toMatchObject({ name: 'b10', error: { code: 'restricted' } })
    const names = state().order.map((id) => state().files[id]!.name)
    expect(names).toEqual([...files(30, 'a'), ...files(10, 'b')].map((f) => f.name))
  })

  it('abandons what is left: those files come back rejected as aborted, and nothing more is added', async () => {
    const { intake, state } = harness()
    const added = intake.add(files(100))
    intake.abandon('stopped by test')
    const { ids, rejected } = await added
    expect(ids).toHaveLength(16)
    expect(rejected).toHaveLength(84)
    expect(rejected[0]).toMatchObject({ name: 'f16', size: 1, error: { code: 'aborted', message: 'stopped by test' } })
    await intake.drained
    expect(state().order).toHaveLength(16)
  })

  it('refuses only the file whose validate throws', async () => {
    const { intake } = harness({
      validate: (f) => {
        if (f.name === 'f1') throw new Error('validator broke')
        return undefined
      },
    })
    const { ids, rejected } = await intake.add(files(3))
    expect(ids).toHaveLength(2)
    expect(rejected).toEqual([{ name: 'f1', size: 1, error: expect.objectContaining({ code: 'restricted', message: 'f1 could not be checked: validator broke' }) }])
  })

  it('rejects every waiting caller when a commit throws, and keeps working afterwards', async () => {
    let fail = true
    const { intake } = harness(
      {},
      {
        commit: () => {
          if (fail) throw new Error('subscriber broke')
        },
      },
    )
    const first = intake.add(files(40))
    const second = intake.add(files(1))
    await expect(first).rejects.toMatchObject({ message: expect.stringContaining('subscriber broke') })
    await expect(second).rejects.toMatchObject({ message: expect.stringContaining('subscriber broke') })
    fail = false
    await expect(intake.add(files(2))).resolves.toMatchObject({ ids: [expect.any(String), expect.any(String)] })
  })

  it('accepts any iterable, read once, lazily', async () => {
    const { intake } = harness()
    let read = 0
    function* generate() {
      for (let i = 0; i < 20; i++) {
        read++
        yield file(`g${i}`)
      }
    }
    const added = intake.add(generate())
    expect(read).toBe(16)
    expect((await added).ids).toHaveLength(20)
    expect(read).toBe(20)
  })

  it('a batch added while another is being added waits for the running loop (no second loop starts)', async () => {
    let release: () => void = () => undefined
    const { intake, slices } = harness({}, { yieldToPage: () => new Promise<void>((resolve) => (release = resolve)) })
    const first = intake.add(files(20, 'a'))
    expect(slices.map((s) => s.length)).toEqual([16])
    const second = intake.add(files(3, 'b'))
    // Nothing ran inside the second call: the first batch's loop is waiting for the page.
    expect(slices.map((s) => s.length)).toEqual([16])
    release()
    await Promise.all([first, second])
    expect(slices.flat()).toEqual([...files(20, 'a'), ...files(3, 'b')].map((f) => f.name))
  })

  it('drained settles only once every batch queued so far has been added', async () => {
    let release: () => void = () => undefined
    const { intake, state } = harness({}, { yieldToPage: () => new Promise<void>((resolve) => (release = resolve)) })
    void intake.add(files(20))
    let drained = false
    void intake.drained.then(() => (drained = true))
    await Promise.resolve()
    await Promise.resolve()
    expect(drained).toBe(false)
    release()
    await intake.drained
    expect(drained).toBe(true)
    expect(state().order).toHaveLength(20)
  })

  it('a slice goes on past 16 files while its time is not up, and 8 ms is the default budget', async () => {
    const still = harness({}, { now: () => 0 })
    await still.intake.add(files(40))
    expect(still.slices.map((s) => s.length)).toEqual([40])
    // The harness clock moves 1 ms per file: with the default 8 ms, the clock read at file 16 ends the slice.
    const timed = harness({}, { sliceMs: undefined })
    await timed.intake.add(files(40))
    expect(timed.slices.map((s) => s.length)).toEqual([16, 16, 8])
  })

  it('a slice ends when the clock reaches its deadline exactly', async () => {
    // A clock that never moves and no time budget: every 16th file is due.
    const { intake, slices } = harness({}, { sliceMs: 0, now: () => 0 })
    await intake.add(files(40))
    expect(slices.map((s) => s.length)).toEqual([16, 16, 8])
  })

  it('gives each file an id of a random page prefix and a counter', async () => {
    const { intake } = harness()
    const { ids } = await intake.add(files(3))
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{12}-[0-9a-z]+$/)
    expect(new Set(ids.map((id) => id.split('-')[0])).size).toBe(1)
    expect(new Set(ids).size).toBe(3)
  })
})
