import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import type { UplinkMessageOverrides } from '../i18n/messages'
import { contrastProblems, visibleLabel } from '../testing/a11y-checks'
import { BulkActions } from './BulkActions'
import { Dropzone } from './Dropzone'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import { TotalProgress } from './TotalProgress'
import type { SeedFile, StoryUploaderOptions } from './story-uploader'
import { announced, dropFiles, textFile, zoneIn } from './story-helpers'

/** The whole widget as an app would compose it, with the default theme. */
function Widget({ options, messages, locale, seed }: { options?: StoryUploaderOptions; messages?: UplinkMessageOverrides; locale?: string; seed?: SeedFile[] }) {
  return (
    <StoryProvider {...(options ? { options } : {})} {...(messages ? { messages } : {})} {...(seed ? { seed } : {})} locale={locale ?? 'en'}>
      <div data-uplink-widget="" style={{ maxWidth: 680 }}>
        <Dropzone />
        <BulkActions />
        <TotalProgress />
        <FileList />
      </div>
    </StoryProvider>
  )
}

const meta = {
  title: 'Uploader/Widget',
  component: Widget,
  args: { options: { bytesPerSecond: 512 * 1024 } },
} satisfies Meta<typeof Widget>
export default meta
type Story = StoryObj<typeof meta>

const everyState: SeedFile[] = [
  { name: 'report.pdf', size: 1_200_000, status: 'done', type: 'application/pdf' },
  { name: 'video.mp4', size: 80 * 1024 ** 2, status: 'uploading', type: 'video/mp4', progress: 0.35, speed: 3 * 1024 ** 2, etaSeconds: 17 },
  { name: 'backup.zip', size: 9_000_000, status: 'paused', type: 'application/zip', progress: 0.6 },
  { name: 'photo.heic', size: 4_000_000, status: 'error', type: 'image/heic', progress: 0.25, error: { code: 'unauthorized', message: 'HTTP 403 Forbidden', status: 403 } },
  { name: 'notes.txt', size: 900, status: 'queued', type: 'text/plain' },
]

export const Idle: Story = {}

/** Every state at once: the screenshot stories (light, dark, right to left) start from this. */
export const EveryState: Story = {
  args: { seed: everyState },
  play: async ({ canvasElement }) => {
    // WCAG 2.5.3: every control's accessible name begins with its visible text.
    for (const button of Array.from(canvasElement.querySelectorAll<HTMLButtonElement>('button'))) {
      const label = visibleLabel(button)
      await expect(button).toHaveAccessibleName(expect.stringMatching(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)))
    }
    await expect(contrastProblems(canvasElement)).toEqual([])
  },
}

/** A dark widget on a light host page: the widget paints its own surfaces, every text at least 4.5:1 against what is behind it. */
export const DarkOnLightHost: Story = {
  args: { seed: everyState },
  globals: { uplinkTheme: 'dark', host: 'light' },
  play: async ({ canvasElement }) => {
    await expect(getComputedStyle(canvasElement.querySelector('[data-uplink-file-list]')!).colorScheme).toBe('dark')
    await expect(contrastProblems(canvasElement)).toEqual([])
  },
}

/** Drop, watch it finish, hear it announced politely; the fake server accepts everything. */
export const UploadToDone: Story = {
  args: { options: { bytesPerSecond: 8 * 1024 * 1024 } },
  play: async ({ canvas, canvasElement }) => {
    dropFiles(zoneIn(canvasElement), [textFile('a.txt', 300_000), textFile('b.txt', 5)])
    await waitFor(() => expect(canvas.getAllByText('Uploaded')).toHaveLength(2), { timeout: 5000 })
    await waitFor(() => expect(announced('polite')).toContain('2 files uploaded'))
    await waitFor(() => expect(announced('polite')).toContain('All uploads finished: 2 uploaded.'))
    await expect(canvas.getByRole('progressbar', { name: 'Total upload progress' })).toHaveAttribute('aria-valuenow', '100')
  },
}

/** The whole flow by keyboard: pause and resume a running upload; focus follows the swapped button. */
export const PauseAndResumeByKeyboard: Story = {
  args: { options: { bytesPerSecond: 64 * 1024 } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    dropFiles(zoneIn(canvasElement), [textFile('slow.bin', 2_000_000)])
    const pause = await waitFor(() => canvas.getByRole('button', { name: 'Pause slow.bin' }))
    pause.focus()
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Resume slow.bin' })).toHaveFocus())
    const row = canvas.getByRole('group', { name: /slow\.bin/ })
    await expect(row).toHaveAttribute('data-status', 'paused')
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Pause slow.bin' })).toHaveFocus())
    await userEvent.keyboard('{Enter}')
  },
}

/** A failed file shows a readable reason, is announced assertively, and can be retried. */
export const FailAndRetry: Story = {
  args: { options: { bytesPerSecond: 8 * 1024 * 1024, failWhenNameIncludes: 'broken' } },
  play: async ({ canvas, canvasElement, userEvent }) => {
    dropFiles(zoneIn(canvasElement), [textFile('broken.txt', 100)])
    const row = await waitFor(() => canvas.getByRole('group', { name: /broken\.txt, Failed/ }), { timeout: 5000 })
    await expect(await within(row).findByText('The connection dropped. Check your network, then retry.')).toBeInTheDocument()
    await waitFor(() => expect(announced('assertive')).toContain('broken.txt failed: The connection dropped.'))
    await expect(canvas.getByText('1 failed')).toBeInTheDocument()
    within(row).getByRole('button', { name: 'Retry broken.txt' }).focus()
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(canvas.getByRole('group', { name: /broken\.txt, Uploaded/ })).toBeInTheDocument(), { timeout: 5000 })
  },
}

/** Every string is replaceable and numbers follow the locale. */
export const Translated: Story = {
  args: {
    locale: 'de-DE',
    seed: [{ name: 'bericht.pdf', size: 1.5 * 1024 ** 2, status: 'uploading', progress: 0.5, type: 'application/pdf' }],
    messages: {
      dropzoneLabel: 'Dateien hier ablegen oder einfügen',
      chooseFiles: 'Dateien wählen',
      fileListEmpty: 'Noch keine Dateien',
      totalProgressLabel: 'Gesamtfortschritt',
      totalFiles: ({ done, files }) => `${done} von ${files} Dateien hochgeladen`,
      bytesOf: ({ sent, total }) => `${sent} von ${total}`,
      actions: { pause: 'Pausieren', cancel: 'Abbrechen' },
      status: { uploading: 'Wird hochgeladen' },
      bulkActions: { pauseAll: 'Alle pausieren', cancelAll: 'Alle abbrechen' },
      bulkActionsLabel: 'Alle Dateien',
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('group', { name: 'Dateien hier ablegen oder einfügen' })).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Pausieren bericht.pdf' })).toBeInTheDocument()
    await expect(canvas.getAllByText('768 KiB von 1,5 MiB')).toHaveLength(2)
  },
}

export const RightToLeft: Story = { globals: { dir: 'rtl' }, args: { locale: 'ar', seed: everyState } }
export const Dark: Story = { globals: { uplinkTheme: 'dark' }, args: { seed: everyState } }
