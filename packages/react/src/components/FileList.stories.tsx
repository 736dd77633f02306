import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import { type SeedFile, manyFiles } from './story-uploader'
import { textFile } from './story-helpers'

function Seeded({ files, locale, add }: { files: SeedFile[]; locale?: string; add?: File[] }) {
  return (
    <StoryProvider seed={files} {...(add ? { add } : {})} locale={locale ?? 'en'}>
      <button type="button">Before the list</button>
      <div style={{ maxWidth: 640, marginBlock: '0.5rem' }}>
        <FileList />
      </div>
      <button type="button">After the list</button>
    </StoryProvider>
  )
}

const meta = {
  title: 'Components/FileList',
  component: Seeded,
  parameters: {
    docs: {
      description: {
        component:
          'The uploader’s files. A list longer than `virtualizeFrom` (50) is virtualized with @tanstack/react-virtual, loaded on first need: ' +
          'only rows in view are in the DOM. Shorter lists render every row and never load the virtualizer. ' +
          'Height comes from `--uplink-file-list-max-height`. Keyboard: one Tab stop (roving tabindex): Tab enters on the first row or the ' +
          'one focused last, wherever the list is scrolled; Up / Down, Page Up / Page Down, Home / End move between rows. ' +
          'Removing a file moves focus to its neighbour.',
      },
    },
  },
} satisfies Meta<typeof Seeded>
export default meta
type Story = StoryObj<typeof meta>

const mixed: SeedFile[] = [
  { name: 'report.pdf', size: 1_200_000, status: 'done', type: 'application/pdf' },
  { name: 'video.mp4', size: 80_000_000, status: 'uploading', type: 'video/mp4', progress: 0.35, speed: 3_100_000, etaSeconds: 17 },
  { name: 'backup.zip', size: 9_000_000, status: 'paused', type: 'application/zip', progress: 0.6 },
  { name: 'photo.heic', size: 4_000_000, status: 'error', type: 'image/heic', progress: 0.1, error: { code: 'unauthorized', message: '403 Forbidden', status: 403 } },
  { name: 'notes.txt', size: 900, status: 'queued', type: 'text/plain' },
  { name: 'song.flac', size: 30_000_000, status: 'cancelled', type: 'audio/flac', progress: 0.2 },
]

export const Empty: Story = {
  args: { files: [] },
  play: async ({ canvas }) => expect(canvas.getByText('No files yet')).toBeInTheDocument(),
}

export const EveryState: Story = {
  args: { files: mixed },
  play: async ({ canvas }) => {
    const items = canvas.getAllByRole('listitem')
    await expect(items).toHaveLength(6)
    await expect(items[0]).toHaveAttribute('aria-posinset', '1')
    await expect(items[0]).toHaveAttribute('aria-setsize', '6')
  },
}

/**
 * A short list renders every row in the page's flow (not virtualized), and the keyboard moves
 * between rows there too, scrolling the focused row into view.
 */
export const ShortListKeyboard: Story = {
  args: { files: manyFiles(30) },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const list = canvasElement.querySelector<HTMLElement>('[data-uplink-file-list]')!
    await expect(canvas.getAllByRole('listitem')).toHaveLength(30)
    await expect(list).not.toHaveAttribute('data-virtualized')
    await expect(getComputedStyle(canvas.getAllByRole('listitem')[0]!).position).toBe('static')
    canvas.getByRole('button', { name: 'Before the list' }).focus()
    await userEvent.tab()
    await expect(document.activeElement).toHaveAttribute('data-uplink-file-id', 'seed-0-scan-00001.pdf')
    await userEvent.keyboard('{End}')
    const last = canvasElement.querySelector<HTMLElement>('[data-uplink-file-id="seed-29-scan-00030.pdf"]')!
    await expect(last).toHaveFocus()
    // Scrolled into view inside the list.
    await expect(last.getBoundingClientRect().bottom).toBeLessThanOrEqual(list.getBoundingClientRect().bottom + 1)
    await userEvent.keyboard('{ArrowUp}')
    await expect(document.activeElement).toHaveAttribute('data-uplink-file-id', 'seed-28-scan-00029.pdf')
  },
}

/** 10,000 files: only a screenful of rows is rendered; the end is reachable by scrolling. */
export const TenThousandFiles: Story = {
  args: { files: manyFiles(10_000) },
  play: async ({ canvas, canvasElement }) => {
    const rendered = canvas.getAllByRole('listitem')
    await expect(rendered.length).toBeLessThan(40)
    await expect(canvasElement.querySelector('[data-uplink-file-list]')).toHaveAttribute('data-virtualized')
    await expect(rendered[0]).toHaveAttribute('aria-setsize', '10000')
    const scroller = canvasElement.querySelector<HTMLElement>('[data-uplink-file-list]')!
    scroller.scrollTop = scroller.scrollHeight
    await waitFor(() => expect(canvas.getByText('scan-10000.pdf')).toBeInTheDocument())
  },
}

/**
 * Roving tabindex in a long list: Tab enters on the first row even after scrolling far away;
 * the arrow keys move between rows; after leaving, Tab comes back to the row focused last.
 */
export const KeyboardInALongList: Story = {
  args: { files: manyFiles(1_000) },
  play: async ({ canvas, canvasElement, userEvent }) => {
    const scroller = canvasElement.querySelector<HTMLElement>('[data-uplink-file-list]')!
    scroller.scrollTop = 40_000
    await waitFor(() => expect(canvas.queryByText('scan-00001.pdf')).toBeInTheDocument())
    canvas.getByRole('button', { name: 'Before the list' }).focus()
    await userEvent.tab()
    await expect(document.activeElement).toHaveAttribute('data-uplink-file-id', 'seed-0-scan-00001.pdf')
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-uplink-file-id', 'seed-2-scan-00003.pdf'))
    await userEvent.keyboard('{End}')
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-uplink-file-id', 'seed-999-scan-01000.pdf'))
    await userEvent.keyboard('{Home}{ArrowDown}')
    await waitFor(() => expect(document.activeElement).toHaveAttribute('data-uplink-file-id', 'seed-1-scan-00002.pdf'))
    // Only the active row's controls are in the Tab order: Tab goes through them and leaves.
    const row = document.activeElement as HTMLElement
    const rowStops = Array.from(row.querySelectorAll<HTMLElement>('button, summary')).filter((el) => el.tabIndex === 0)
    for (const stop of rowStops) {
      await userEvent.tab()
      await expect(stop).toHaveFocus()
    }
    await userEvent.tab()
    await expect(canvas.getByRole('button', { name: 'After the list' })).toHaveFocus()
    // Scrolled away and back in: focus lands in the row focused last (Shift+Tab: on its last control).
    scroller.scrollTop = 60_000
    await userEvent.tab({ shift: true })
    await expect(document.activeElement!.closest('[data-uplink-file]')).toHaveAttribute('data-uplink-file-id', 'seed-1-scan-00002.pdf')
  },
}

/** Removing a file by keyboard puts focus on the next file's remove button, and on the list when none is left. */
export const RemoveKeepsFocus: Story = {
  args: { files: [], add: [textFile('report.pdf'), textFile('video.mp4')] },
  play: async ({ canvas, userEvent }) => {
    // The story uploader finishes both files; Remove applies once they are done.
    const first = await waitFor(() => canvas.getByRole('button', { name: 'Remove report.pdf' }), { timeout: 5000 })
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Remove video.mp4' })).toBeInTheDocument(), { timeout: 5000 })
    first.focus()
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Remove video.mp4' })).toHaveFocus())
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(canvas.getByText('No files yet').parentElement).toHaveFocus())
  },
}

/**
 * Right-to-left with an Arabic locale: the row is mirrored (thumbnail and name on the right, the
 * controls on the left), progress fills from the right, and numbers are formatted for the locale.
 */
export const RightToLeft: Story = {
  args: { files: mixed, locale: 'ar-EG' },
  globals: { dir: 'rtl' },
  play: async ({ canvas }) => {
    const row = canvas.getAllByRole('group').find((el) => el.getAttribute('data-status') === 'uploading')!
    await expect(getComputedStyle(row).direction).toBe('rtl')
    const box = (selector: string) => row.querySelector(selector)!.getBoundingClientRect()
    // Mirrored: the thumbnail is on the right of the name.
    await expect(box('[data-uplink-thumbnail]').left).toBeGreaterThan(box('[data-uplink-file-name]').left)
    // The 35 % fill hangs from the track's right edge.
    const track = box('[data-uplink-progress]')
    const fill = box('[data-uplink-progress-indicator]')
    await expect(Math.abs(fill.right - track.right)).toBeLessThan(1)
    await expect(fill.left - track.left).toBeGreaterThan(track.width / 2)
    // ar-EG formats with Arabic-Indic digits (the bytes sent of 80 MB).
    await expect(row.querySelector('[data-uplink-file-bytes]')!.textContent).toMatch(/[\u0660-\u0669]/)
  },
}

export const Dark: Story = {
  args: { files: mixed },
  globals: { uplinkTheme: 'dark' },
}
