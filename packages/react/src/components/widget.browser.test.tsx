import axe from 'axe-core'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import '../theme.css'
import { UploaderProvider } from '../context'
import { Dropzone } from './Dropzone'
import { FileActionButton } from './FileActionButton'
import { FileList } from './FileList'
import { TotalProgress } from './TotalProgress'
import { UploadButton } from './UploadButton'
import { createStoryUploader, manyFiles, seedFiles } from './story-uploader'
import { dropFiles, makePng, textFile } from './story-helpers'

afterEach(cleanup)

function Widget({ uploader, dir = 'ltr', theme = 'light' }: { uploader: ReturnType<typeof createStoryUploader>; dir?: string; theme?: string }) {
  return (
    <main dir={dir} data-uplink-theme={theme} lang="en">
      <UploaderProvider uploader={uploader} locale="en">
        <Dropzone />
        <UploadButton />
        <FileActionButton action="pause" keepMounted />
        <FileActionButton action="retry" keepMounted />
        <TotalProgress />
        <FileList />
      </UploaderProvider>
    </main>
  )
}

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

describe('the widget in Chromium', () => {
  it('has no axe violations in every state, light and dark, left-to-right and right-to-left', async () => {
    for (const [dir, theme] of [['ltr', 'light'], ['rtl', 'dark']] as const) {
      const uploader = createStoryUploader({ autoStart: false })
      seedFiles(uploader, [
        { name: 'report.pdf', size: 1_200_000, status: 'done' },
        { name: 'video.mp4', size: 80_000_000, status: 'uploading', progress: 0.35, speed: 3_100_000, etaSeconds: 17 },
        { name: 'backup.zip', size: 9_000_000, status: 'paused', progress: 0.6 },
        { name: 'photo.heic', size: 4_000_000, status: 'error', error: { code: 'network', message: 'x' } },
        { name: 'notes.txt', size: 900, status: 'queued' },
        { name: 'big.iso', size: 9e9, status: 'cancelled' },
      ])
      render(<Widget uploader={uploader} dir={dir} theme={theme} />)
      await screen.findByText('photo.heic')
      expect(await violations()).toEqual([])
      cleanup()
    }
  })

  it('renders 10,000 files by mounting only a screenful of rows, at first and after scrolling to the end', async () => {
    // How long it takes belongs to the benchmark; what makes it cheap is checked here: no more
    // than a screenful of rows is ever created, not even for a moment (a MutationObserver sees
    // every row added, including ones React would remove again in the same task).
    const uploader = createStoryUploader({ autoStart: false })
    seedFiles(uploader, manyFiles(10_000))
    const host = document.createElement('div')
    document.body.append(host)
    let mounted = 0
    const count = (records: MutationRecord[]) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue
          mounted += (node.matches('[data-uplink-file-row]') ? 1 : 0) + node.querySelectorAll('[data-uplink-file-row]').length
        }
      }
      return mounted
    }
    const observer = new MutationObserver(count)
    observer.observe(host, { childList: true, subtree: true })
    try {
      const { container } = render(<Widget uploader={uploader} />, { container: host })
      await screen.findByText('scan-00001.pdf')
      expect(container.querySelectorAll('[data-uplink-file-row]').length).toBeLessThan(40)
      expect(count(observer.takeRecords())).toBeLessThan(40)
      const scroller = container.querySelector<HTMLElement>('[data-uplink-file-list]')!
      scroller.scrollTop = scroller.scrollHeight
      await screen.findByText('scan-10000.pdf')
      expect(container.querySelectorAll('[data-uplink-file-row]').length).toBeLessThan(40)
      // The first screenful, the last one, and at most one in between (scrolling jumped there).
      expect(count(observer.takeRecords())).toBeLessThan(120)
    } finally {
      observer.disconnect()
      host.remove()
    }
  })

  it('moves focus to the neighbour after a remove, deep in a long list', async () => {
    const uploader = createStoryUploader({ autoStart: false })
    await uploader.addFiles(Array.from({ length: 300 }, (_, i) => textFile(`f-${i}.txt`)))
    uploader.cancelAll() // Remove is offered once an upload ended
    render(<Widget uploader={uploader} />)
    const first = await screen.findByRole('button', { name: 'Remove f-0.txt' })
    first.focus()
    fireEvent.click(first)
    await waitFor(() => expect(document.activeElement?.getAttribute('aria-label')).toBe('Remove f-1.txt'))
    expect(uploader.store.getState().order).toHaveLength(299)
  })

  it('makes a thumbnail off the main thread and revokes its object URL on removal', async () => {
    const revoked: string[] = []
    const original = URL.revokeObjectURL
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url)
      original.call(URL, url)
    }
    try {
      const uploader = createStoryUploader({ autoStart: false })
      render(<Widget uploader={uploader} />)
      dropFiles(screen.getByRole('button', { name: /upload files/i }), [await makePng('sky.png', 800, 600)])
      const img = await screen.findByRole('img', { name: 'Preview of sky.png' }, { timeout: 5000 })
      const src = img.getAttribute('src')!
      expect(src).toMatch(/^blob:/)
      await waitFor(() => expect((img as HTMLImageElement).naturalWidth).toBe(96))
      act(() => void uploader.cancelAll()) // Remove is offered once an upload ended
      fireEvent.click(await screen.findByRole('button', { name: 'Remove sky.png' }))
      await waitFor(() => expect(revoked).toContain(src))
    } finally {
      URL.revokeObjectURL = original
    }
  })

  it('accepts a real drop from a DataTransfer and uploads it to done', async () => {
    const uploader = createStoryUploader({ bytesPerSecond: 1e8 })
    render(<Widget uploader={uploader} />)
    dropFiles(screen.getByRole('button', { name: /upload files/i }), [textFile('hello.txt', 5000)])
    await waitFor(() => expect(Object.values(uploader.store.getState().files).map((f) => f.status)).toEqual(['done']))
    await waitFor(() => expect(screen.getByRole('status').textContent).toContain('hello.txt uploaded'))
  })
})
