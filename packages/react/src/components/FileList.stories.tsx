import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import { type SeedFile, type StoryUploaderOptions, manyFiles } from './story-uploader'
import { textFile } from './story-helpers'

function Seeded({ files, locale, add, options }: { files: SeedFile[]; locale?: string; add?: File[]; options?: StoryUploaderOptions }) {
  return (
    <StoryProvider seed={files} {...(add ? { add } : {})} {...(locale ? { locale } : {})} {...(options ? { options } : {})}>
      <div style={{ maxWidth: 640 }}>
        <FileList />
      </div>
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
          'The uploader’s files, virtualized with @tanstack/react-virtual: only rows in view are in the DOM. ' +
          'Height comes from `--uplink-file-list-max-height`. Removing a file moves focus to its neighbour.',
      },
    },
  },
} satisfies Meta<typeof Seeded>
export default meta
type Story = StoryObj<typeof meta>

const mixed: SeedFile[] = [
  { name: 'report.pdf', size: 1_200_000, status: 'done' },
  { name: 'video.mp4', size: 80_000_000, status: 'uploading', progress: 0.35, speed: 3_100_000, etaSeconds: 17 },
  { name: 'backup.zip', size: 9_000_000, status: 'paused', progress: 0.6 },
  { name: 'photo.heic', size: 4_000_000, status: 'error', progress: 0.1, error: { code: 'unauthorized', message: '403' } },
  { name: 'notes.txt', size: 900, status: 'queued' },
]

export const Empty: Story = {
  args: { files: [] },
  play: async ({ canvas }) => expect(canvas.getByText('No files yet')).toBeInTheDocument(),
}

export const EveryState: Story = {
  args: { files: mixed },
  play: async ({ canvas }) => {
    const items = canvas.getAllByRole('listitem')
    await expect(items).toHaveLength(5)
    await expect(items[0]).toHaveAttribute('aria-posinset', '1')
    await expect(items[0]).toHaveAttribute('aria-setsize', '5')
  },
}

/** 10,000 files: only a screenful of rows is rendered; the end is reachable by scrolling. */
export const TenThousandFiles: Story = {
  args: { files: manyFiles(10_000) },
  play: async ({ canvas, canvasElement }) => {
    const rendered = canvas.getAllByRole('listitem')
    await expect(rendered.length).toBeLessThan(40)
    await expect(rendered[0]).toHaveAttribute('aria-setsize', '10000')
    const scroller = canvasElement.querySelector<HTMLElement>('[data-uplink-file-list]')!
    scroller.scrollTop = scroller.scrollHeight
    await waitFor(() => expect(canvas.getByText('scan-10000.pdf')).toBeInTheDocument())
  },
}

/** Removing a file by keyboard puts focus on the next file's remove button, and on the list when none is left. */
export const RemoveKeepsFocus: Story = {
  // Uploaded at once: Remove is offered once an upload ended.
  args: { files: [], add: [textFile('report.pdf'), textFile('video.mp4')], options: { autoStart: true, bytesPerSecond: 1e9 } },
  play: async ({ canvas, userEvent }) => {
    await waitFor(() => expect(canvas.getAllByRole('button', { name: /^Remove / })).toHaveLength(2))
    canvas.getByRole('button', { name: 'Remove report.pdf' }).focus()
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
    const name = box('[data-uplink-file-name]')
    const controls = box('[data-uplink-file-controls]')
    // Mirrored: the name starts at the right, the controls sit to its left.
    await expect(controls.right).toBeLessThanOrEqual(name.left)
    // The 35 % fill hangs from the track's right edge.
    const track = box('[data-uplink-progress]')
    const fill = box('[data-uplink-progress-indicator]')
    await expect(Math.abs(fill.right - track.right)).toBeLessThan(1)
    await expect(fill.left - track.left).toBeGreaterThan(track.width / 2)
    // ar-EG formats with Arabic-Indic digits (the size, 80 MB).
    await expect(row.querySelector('[data-uplink-file-size]')!.textContent).toMatch(/[\u0660-\u0669]/)
  },
}

export const Dark: Story = {
  args: { files: mixed },
  globals: { uplinkTheme: 'dark' },
}
