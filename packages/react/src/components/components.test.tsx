import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Profiler, StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { UploaderProvider } from '../context'
import { BulkActions } from './BulkActions'
import { Dropzone } from './Dropzone'
import { FileItem } from './FileItem'
import { TotalProgress } from './TotalProgress'
import { UploadButton } from './UploadButton'
import { createStoryUploader, seedFiles } from './story-uploader'

afterEach(cleanup)

const file = (name: string, size = 10, type = 'text/plain') => new File([new Uint8Array(size)], name, { type })
// jsdom has no DataTransfer constructor: the plain-object form is what works there (TOOLCHAIN §9.7).
const drop = (target: Element, files: File[]) => {
  fireEvent.dragEnter(target, { dataTransfer: { files, types: ['Files'], items: [] } })
  fireEvent.drop(target, { dataTransfer: { files, types: ['Files'] } })
}
const zone = (container: HTMLElement) => container.querySelector<HTMLElement>('[data-uplink-dropzone]')!
const names = (uploader: ReturnType<typeof createStoryUploader>) => Object.values(uploader.store.getState().files).map((f) => f.name)

describe('Dropzone', () => {
  it('adds dropped files exactly once under StrictMode (double effects never double an upload)', async () => {
    const calls: string[] = []
    const uploader = createStoryUploader({ bytesPerSecond: 1e9, calls })
    const { container } = render(
      <StrictMode>
        <UploaderProvider uploader={uploader}>
          <Dropzone />
        </UploaderProvider>
      </StrictMode>,
    )
    drop(zone(container), [file('a.txt'), file('b.txt')])
    await waitFor(() => expect(uploader.store.getState().order).toHaveLength(2))
    await uploader.whenIdle()
    expect(calls.filter((c) => c.startsWith('create')).sort()).toEqual(['create a.txt', 'create b.txt'])
    expect(calls.filter((c) => c.startsWith('complete')).sort()).toEqual(['complete a.txt', 'complete b.txt'])
    uploader.dispose()
  })

  it('is one labelled group with one keyboard stop, a real button (no nested interactive control)', () => {
    const uploader = createStoryUploader({ autoStart: false })
    const { container } = render(
      <UploaderProvider uploader={uploader}>
        <Dropzone />
      </UploaderProvider>,
    )
    const group = screen.getByRole('group', { name: 'Drop files here or paste them' })
    expect(group).toBe(zone(container))
    expect(group.hasAttribute('tabindex')).toBe(false)
    const focusable = Array.from(group.querySelectorAll<HTMLElement>('*')).filter((el) => el.tabIndex >= 0 && !(el as HTMLInputElement).hidden)
    expect(focusable.map((el) => el.tagName)).toEqual(['BUTTON'])
    expect(within(group).getByRole('button').textContent).toBe('Choose files')
  })

  it('shows drag-over state while files are over it', () => {
    const uploader = createStoryUploader({ autoStart: false })
    const { container } = render(
      <UploaderProvider uploader={uploader}>
        <Dropzone />
      </UploaderProvider>,
    )
    fireEvent.dragEnter(zone(container), { dataTransfer: { types: ['Files'], items: [] } })
    expect(zone(container).hasAttribute('data-drag-active')).toBe(true)
    fireEvent.dragLeave(zone(container), { dataTransfer: { types: ['Files'] } })
    expect(zone(container).hasAttribute('data-drag-active')).toBe(false)
  })

  it('turns files away with reasons in core’s vocabulary, and the engine’s own restrictions too', async () => {
    const rejected: string[] = []
    const uploader = createStoryUploader({ autoStart: false, restrictions: { maxFiles: 1 } })
    const { container } = render(
      <UploaderProvider uploader={uploader}>
        <Dropzone accept="image/*,.txt" maxFileSize={100} onRejected={(r) => rejected.push(...r.map((x) => `${x.name}: ${x.code}`))} />
      </UploaderProvider>,
    )
    drop(zone(container), [file('ok.txt'), file('big.txt', 500), file('movie.mp4', 5, 'video/mp4'), file('second.txt')])
    await waitFor(() => expect(zone(container).hasAttribute('data-rejected')).toBe(true))
    expect(uploader.store.getState().order).toHaveLength(1)
    expect(rejected).toEqual(['big.txt: file-too-large', 'movie.mp4: file-invalid-type', 'second.txt: restricted'])
    expect(zone(container).textContent).toContain('big.txt: This file is larger than 100 bytes.')
    await waitFor(() => expect(document.querySelector('[data-uplink-live-region="assertive"]')!.textContent).toContain('3 files not added'))
  })

  it('asks core whether a file matches accept: "*/*" takes every file', async () => {
    const uploader = createStoryUploader({ autoStart: false })
    const { container } = render(
      <UploaderProvider uploader={uploader}>
        <Dropzone accept="*/*" />
      </UploaderProvider>,
    )
    drop(zone(container), [file('a.bin', 1, 'application/octet-stream'), file('b', 1, '')])
    await waitFor(() => expect(names(uploader)).toEqual(['a.bin', 'b']))
  })

  it('opens the picker from its button on Enter and Space, and adds what is picked', async () => {
    const user = userEvent.setup()
    const uploader = createStoryUploader({ autoStart: false })
    const { container } = render(
      <UploaderProvider uploader={uploader}>
        <Dropzone />
      </UploaderProvider>,
    )
    const input = container.querySelector<HTMLInputElement>('input[type=file]')!
    let opened = 0
    input.addEventListener('click', () => opened++)
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Choose files' }))
    await user.keyboard('{Enter}')
    await user.keyboard(' ')
    expect(opened).toBe(2)
    await user.upload(input, [file('picked.txt')])
    // The code that takes files is a chunk of its own (asked for when the picker opened).
    await waitFor(() => expect(names(uploader)).toEqual(['picked.txt']))
  })

  it('takes files pasted while its button has focus', async () => {
    const uploader = createStoryUploader({ autoStart: false })
    render(
      <UploaderProvider uploader={uploader}>
        <Dropzone />
      </UploaderProvider>,
    )
    fireEvent.paste(screen.getByRole('button', { name: 'Choose files' }), { clipboardData: { files: [file('clip.png', 4, 'image/png')] } })
    await waitFor(() => expect(uploader.store.getState().order).toHaveLength(1))
  })
})

describe('UploadButton', () => {
  it('is a native button named by its visible text from the messages object', () => {
    const uploader = createStoryUploader({ autoStart: false })
    render(
      <UploaderProvider uploader={uploader} messages={{ chooseFiles: 'Dateien wählen' }}>
        <UploadButton />
      </UploaderProvider>,
    )
    expect(screen.getByRole('button', { name: 'Dateien wählen' }).tagName).toBe('BUTTON')
  })
})

describe('FileItem', () => {
  it('re-renders on its own file only and shows percent, bytes, speed, time left and a readable error', async () => {
    const uploader = createStoryUploader({ autoStart: false })
    const [a, b] = seedFiles(uploader, [
      { name: 'a.bin', size: 1024 ** 2, status: 'uploading', progress: 0.5, speed: 256 * 1024, etaSeconds: 2 },
      { name: 'b.bin', size: 10, status: 'error', error: { code: 'unauthorized', message: '403 Forbidden', status: 403 } },
    ])
    let renders = 0
    const countRender = () => {
      renders++
      return null
    }
    render(
      <UploaderProvider uploader={uploader} locale="en">
        <FileItem id={a!} />
        <FileItem id={b!} />
        <FileItem id={a!}>{countRender}</FileItem>
      </UploaderProvider>,
    )
    screen.getByText('50%')
    screen.getByText('512 KiB of 1 MiB')
    screen.getByText('256 KiB/s')
    screen.getByText('2 sec left')
    // The sentence for the code comes with the error sentences' chunk, loaded by this first failure.
    await screen.findByText('You are not allowed to upload here. Sign in again, then retry.')
    expect(screen.getByText('403 Forbidden').closest('details')).not.toBeNull()
    expect(screen.getByRole('progressbar', { name: 'Upload of a.bin' }).getAttribute('aria-valuenow')).toBe('50')
    const before = renders
    act(() => uploader.store.setState((s) => ({ files: { ...s.files, [b!]: { ...s.files[b!]!, name: 'b2.bin' } } })))
    screen.getByText('b2.bin', { selector: '[data-uplink-file-name]' })
    // Counted's parent did not re-render it; FileItem itself subscribes to one file.
    expect(renders).toBe(before)
  })

  it('offers Cancel while a file runs and Remove once it ended, never both', () => {
    const uploader = createStoryUploader({ autoStart: false })
    const ids = seedFiles(uploader, [
      { name: 'up.bin', size: 10, status: 'uploading', progress: 0.5 },
      { name: 'done.bin', size: 10, status: 'done' },
      { name: 'failed.bin', size: 10, status: 'error', error: { code: 'network', message: 'x' } },
    ])
    render(
      <UploaderProvider uploader={uploader}>
        {ids.map((id) => (
          <FileItem key={id} id={id} />
        ))}
      </UploaderProvider>,
    )
    const labels = (name: string) => within(screen.getByRole('group', { name: new RegExp(`^${name}`) })).getAllByRole('button').map((b) => b.getAttribute('data-uplink-control'))
    expect(labels('up.bin')).toEqual(['pause', 'cancel'])
    expect(labels('done.bin')).toEqual(['remove'])
    expect(labels('failed.bin')).toEqual(['retry', 'remove'])
  })
})

describe('TotalProgress', () => {
  it('sums all files, says failures and formats for the locale', () => {
    const uploader = createStoryUploader({ autoStart: false })
    seedFiles(uploader, [
      { name: 'a', size: 1.5 * 1024 ** 2, status: 'done' },
      { name: 'b', size: 1.5 * 1024 ** 2, status: 'queued' },
      { name: 'c', size: 1024 ** 2, status: 'error', error: { code: 'timeout', message: 'stalled' } },
    ])
    render(
      <UploaderProvider uploader={uploader} locale="de-DE" messages={{ totalFiles: (v) => `${v.done}/${v.files}`, bytesOf: (v) => `${v.sent} von ${v.total}` }}>
        <TotalProgress />
      </UploaderProvider>,
    )
    screen.getByText('1/3')
    screen.getByText('1 failed')
    screen.getByText('1,5 MiB von 4 MiB')
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('37')
  })

  it('reads nothing when there are no files', () => {
    const uploader = createStoryUploader({ autoStart: false })
    const { container } = render(
      <UploaderProvider uploader={uploader}>
        <TotalProgress />
      </UploaderProvider>,
    )
    expect(container.textContent).toBe('')
    expect(container.querySelector('[data-uplink-total-progress]')!.hasAttribute('data-empty')).toBe(true)
  })
})

describe('BulkActions', () => {
  it('shows the actions that apply and runs core’s bulk actions', async () => {
    const uploader = createStoryUploader({ autoStart: false, bytesPerSecond: 1e9 })
    const {
      ids: [doneId],
    } = await uploader.addFiles([file('done.txt')])
    uploader.start(doneId!)
    await uploader.whenIdle()
    await uploader.addFiles([file('queued.txt')])
    render(
      <UploaderProvider uploader={uploader}>
        <BulkActions />
      </UploaderProvider>,
    )
    const group = screen.getByRole('group', { name: 'All files' })
    const shown = () => within(group).queryAllByRole('button').map((b) => b.textContent)
    await waitFor(() => expect(shown()).toEqual(['Pause all', 'Clear finished', 'Cancel all']))
    fireEvent.click(screen.getByRole('button', { name: 'Pause all' }))
    await waitFor(() => expect(shown()).toEqual(['Resume all', 'Clear finished', 'Cancel all']))
    fireEvent.click(screen.getByRole('button', { name: 'Clear finished' }))
    await waitFor(() => expect(names(uploader)).toEqual(['queued.txt']))
    fireEvent.click(screen.getByRole('button', { name: 'Cancel all' }))
    await waitFor(() => expect(shown()).toEqual([]))
    expect(uploader.store.getState().files[uploader.store.getState().order[0]!]!.status).toBe('cancelled')
    uploader.dispose()
  })

  it('does not re-render while bytes flow, only when an action starts or stops applying', async () => {
    const uploader = createStoryUploader({ bytesPerSecond: 400_000 })
    let renders = 0
    render(
      <UploaderProvider uploader={uploader}>
        <Profiler id="bulk" onRender={() => renders++}>
          <BulkActions />
        </Profiler>
      </UploaderProvider>,
    )
    await uploader.addFiles([file('big.bin', 50_000_000)])
    await waitFor(() => expect(uploader.store.getState().totals.bytesSent).toBeGreaterThan(0))
    await screen.findByRole('button', { name: 'Pause all' })
    const before = { renders, bytes: uploader.store.getState().totals.bytesSent }
    // Several progress updates of the totals, no change in what applies.
    await waitFor(() => expect(uploader.store.getState().totals.bytesSent).toBeGreaterThan(before.bytes + 200_000))
    expect(uploader.store.getState().totals.active).toBe(1)
    expect(renders).toBe(before.renders)
    uploader.dispose()
  })
})

