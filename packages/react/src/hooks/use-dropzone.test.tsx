import { cleanup, fireEvent, render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { createStoryUploader } from '../components/story-uploader'
import { Dropzone } from '../components/Dropzone'
import { UploaderProvider } from '../context'
import { loadIntake } from './use-dropzone'

afterEach(cleanup)

const file = (name: string) => new File([new Uint8Array(10)], name, { type: 'text/plain' })
const drop = (target: Element, files: File[]) => {
  fireEvent.dragEnter(target, { dataTransfer: { files, types: ['Files'], items: [] } })
  fireEvent.drop(target, { dataTransfer: { files, types: ['Files'] } })
}

describe('the drop zone’s code for taking files, a chunk loaded on first need', () => {
  it('turns the files away with a reason when it cannot load, and loads it again on the next drop', async () => {
    // The first caller decides how the chunk loads: here it fails once the test has dropped.
    // (This file runs in its own module scope, where nothing has asked for the chunk yet.)
    let fail = () => {}
    const failing = loadIntake(() => new Promise((_, reject) => (fail = () => reject(new Error('chunk gone')))))
    const uploader = createStoryUploader({ autoStart: false })
    const rejected: string[] = []
    const { container } = render(
      <UploaderProvider uploader={uploader}>
        <Dropzone onRejected={(r) => rejected.push(...r.map((x) => `${x.name}: ${x.code}`))} />
      </UploaderProvider>,
    )
    const zone = container.querySelector<HTMLElement>('[data-uplink-dropzone]')!
    drop(zone, [file('a.txt'), file('b.txt')])
    // Once the drop is read (promise callbacks, before the next task) the zone waits for the chunk.
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(zone.hasAttribute('data-reading')).toBe(true)
    fail()
    await expect(failing).rejects.toMatchObject({ message: expect.stringContaining('chunk gone') })
    await waitFor(() => expect(rejected).toEqual(['a.txt: unavailable', 'b.txt: unavailable']))
    expect(zone.textContent).toContain('a.txt: This file could not be added right now. Check your connection, then try again.')
    await waitFor(() => expect(document.querySelector('[data-uplink-live-region="assertive"]')!.textContent).toContain('2 files not added'))
    expect(uploader.store.getState().order).toEqual([])

    drop(zone, [file('c.txt')])
    await waitFor(() => expect(Object.values(uploader.store.getState().files).map((f) => f.name)).toEqual(['c.txt']))
    uploader.dispose()
  })
})
