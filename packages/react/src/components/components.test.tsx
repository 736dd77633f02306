import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode } from 'react'
import { afterEach, describe, expect, it } from 'vitest'
import { UploaderProvider } from '../context'
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

describe('Dropzone', () => {
  it('adds dropped files exactly once under StrictMode (double effects never double an upload)', async () => {
    const calls: string[] = []
    const uploader = createStoryUploader({ bytesPerSecond: 1e9, calls })
    render(
      <StrictMode>
        <UploaderProvider uploader={uploader}>
          <Dropzone />
        </UploaderProvider>
      </StrictMode>,
    )
    drop(screen.getByRole('button', { name: /upload files/i }), [file('a.txt'), file('b.txt')])
    await waitFor(() => expect(uploader.store.getState().order).toHaveLength(2))
    await uploader.whenIdle()
    expect(calls.filter((c) => c.startsWith('create')).sort()).toEqual(['create a.txt', 'create b.txt'])
    expect(calls.filter((c) => c.startsWith('complete')).sort()).toEqual(['complete a.txt', 'complete b.txt'])
    uploader.dispose()
  })

  it('shows drag-over state while files are over it', () => {
    const uploader = createStoryUploader({ autoStart: false })
    render(
      <UploaderProvider uploader={uploader}>
        <Dropzone />
      </UploaderProvider>,
    )
    const zone = screen.getByRole('button', { name: /upload files/i })
    fireEvent.dragEnter(zone, { dataTransfer: { types: ['Files'], items: [] } })
    expect(zone.hasAttribute('data-drag-active')).toBe(true)
    fireEvent.dragLeave(zone, { dataTransfer: { types: ['Files'] } })
    expect(zone.hasAttribute('data-drag-active')).toBe(false)
  })

  it('turns files away with reasons, and the engine’s own restrictions too', async () => {
    const rejected: string[] = []
    const uploader = createStoryUploader({ autoStart: false, restrictions: { maxFiles: 1 } })
    render(
      <UploaderProvider uploader={uploader}>
        <Dropzone accept="image/*,.txt" maxSize={100} onRejected={(r) => rejected.push(...r.map((x) => `${x.name}: ${x.code}`))} />
      </UploaderProvider>,
    )
    const zone = screen.getByRole('button', { name: /upload files/i })
    drop(zone, [file('ok.txt'), file('big.txt', 500), file('movie.mp4', 5, 'video/mp4'), file('second.txt')])
    await waitFor(() => expect(zone.hasAttribute('data-rejected')).toBe(true))
    expect(uploader.store.getState().order).toHaveLength(1)
    expect(rejected).toEqual(['big.txt: file-too-large', 'movie.mp4: file-invalid-type', 'second.txt: restricted'])
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('3 files not added'))
  })

  it('opens the picker on Enter and Space, and adds what is picked', async () => {
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
    await user.keyboard('{Enter}')
    await user.keyboard(' ')
    expect(opened).toBe(2)
    await user.upload(input, [file('picked.txt')])
    expect(Object.values(uploader.store.getState().files).map((f) => f.name)).toEqual(['picked.txt'])
  })

  it('takes pasted files', async () => {
    const uploader = createStoryUploader({ autoStart: false })
    render(
      <UploaderProvider uploader={uploader}>
        <Dropzone />
      </UploaderProvider>,
    )
    fireEvent.paste(screen.getByRole('button', { name: /upload files/i }), { clipboardData: { files: [file('clip.png', 4, 'image/png')] } })
    await waitFor(() => expect(uploader.store.getState().order).toHaveLength(1))
  })
})

describe('UploadButton', () => {
  it('is a native button named by the messages object', () => {
    const uploader = createStoryUploader({ autoStart: false })
    render(
      <UploaderProvider uploader={uploader} messages={{ uploadButton: 'Dateien wählen' }}>
        <UploadButton />
      </UploaderProvider>,
    )
    expect(screen.getByRole('button', { name: 'Dateien wählen' }).tagName).toBe('BUTTON')
  })
})

describe('FileItem', () => {
  it('re-renders on its own file only and shows speed, time left and a readable error', () => {
    const uploader = createStoryUploader({ autoStart: false })
    const [a, b] = seedFiles(uploader, [
      { name: 'a.bin', size: 1_000_000, status: 'uploading', progress: 0.5, speed: 250_000, etaSeconds: 2 },
      { name: 'b.bin', size: 10, status: 'error', error: { code: 'unauthorized', message: '403 Forbidden' } },
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
    screen.getByText('250 kB/s')
    screen.getByText('2 sec left')
    screen.getByText('You are not allowed to upload here. Sign in again and retry.')
    expect(screen.getByRole('progressbar', { name: 'Upload of a.bin' }).getAttribute('aria-valuenow')).toBe('50')
    const before = renders
    act(() => uploader.store.setState((s) => ({ files: { ...s.files, [b!]: { ...s.files[b!]!, name: 'b2.bin' } } })))
    screen.getByText('b2.bin')
    // Counted's parent did not re-render it; FileItem itself subscribes to one file.
    expect(renders).toBe(before)
  })
})

describe('TotalProgress', () => {
  it('sums all files and formats for the locale', () => {
    const uploader = createStoryUploader({ autoStart: false })
    seedFiles(uploader, [
      { name: 'a', size: 1_500_000, status: 'done' },
      { name: 'b', size: 1_500_000, status: 'queued' },
    ])
    render(
      <UploaderProvider uploader={uploader} locale="de-DE" messages={{ totalSummary: (v) => `${v.done}/${v.files}: ${v.sent} von ${v.total}` }}>
        <TotalProgress />
      </UploaderProvider>,
    )
    screen.getByText('1/2: 1,5 MB von 3 MB')
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50')
  })
})
