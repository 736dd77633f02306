import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { Dropzone } from './Dropzone'
import { FileActionButton } from './FileActionButton'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import { TotalProgress } from './TotalProgress'
import { UploadButton } from './UploadButton'
import type { StoryUploaderOptions } from './story-uploader'
import { dropFiles, textFile } from './story-helpers'
import type { UplinkMessages } from '../i18n/messages'

/** The whole widget as an app would compose it, with the default theme. */
function Widget({ options, messages, locale }: { options?: StoryUploaderOptions; messages?: Partial<UplinkMessages>; locale?: string }) {
  return (
    <StoryProvider {...(options ? { options } : {})} {...(messages ? { messages } : {})} {...(locale ? { locale } : {})}>
      <div style={{ display: 'grid', gap: '0.75rem', maxWidth: 640 }}>
        <Dropzone />
        <div style={{ display: 'flex', gap: '0.5rem', flexWrap: 'wrap' }}>
          <UploadButton />
          <FileActionButton action="pause" keepMounted />
          <FileActionButton action="resume" keepMounted />
          <FileActionButton action="retry" keepMounted />
          <FileActionButton action="remove" keepMounted />
        </div>
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

export const Idle: Story = {}

/** Drop, watch it finish, hear it announced: the fake server accepts everything. */
export const UploadToDone: Story = {
  args: { options: { bytesPerSecond: 8 * 1024 * 1024 } },
  play: async ({ canvas }) => {
    dropFiles(canvas.getByRole('button', { name: /upload files/i }), [textFile('a.txt', 300_000), textFile('b.txt', 5)])
    await waitFor(() => expect(canvas.getAllByText('Uploaded')).toHaveLength(2), { timeout: 5000 })
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('2 files uploaded'))
    await expect(canvas.getByRole('progressbar', { name: 'Total upload progress' })).toHaveAttribute('aria-valuenow', '100')
  },
}

/** The whole flow by keyboard: pause and resume a running upload; focus follows the swapped button. */
export const PauseAndResumeByKeyboard: Story = {
  args: { options: { bytesPerSecond: 64 * 1024 } },
  play: async ({ canvas, userEvent }) => {
    dropFiles(canvas.getByRole('button', { name: /upload files/i }), [textFile('slow.bin', 2_000_000)])
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

/** A failed file shows a readable reason, is announced, and can be retried. */
export const FailAndRetry: Story = {
  args: { options: { bytesPerSecond: 8 * 1024 * 1024, failWhenNameIncludes: 'broken' } },
  play: async ({ canvas, userEvent }) => {
    dropFiles(canvas.getByRole('button', { name: /upload files/i }), [textFile('broken.txt', 100)])
    const row = await waitFor(() => canvas.getByRole('group', { name: /broken\.txt, Failed/ }), { timeout: 5000 })
    await expect(within(row).getByText('The connection dropped. Check your network and retry.')).toBeInTheDocument()
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('broken.txt failed'))
    within(row).getByRole('button', { name: 'Retry broken.txt' }).focus()
    await userEvent.keyboard('{Enter}')
    await waitFor(() => expect(canvas.getByRole('group', { name: /broken\.txt, Uploaded/ })).toBeInTheDocument(), { timeout: 5000 })
  },
}

/** Every string is replaceable and numbers follow the locale. */
export const Translated: Story = {
  args: {
    locale: 'de-DE',
    messages: {
      dropzoneIdle: 'Dateien hochladen: hier ablegen oder auswählen',
      uploadButton: 'Dateien wählen',
      fileListEmpty: 'Noch keine Dateien',
      totalProgressLabel: 'Gesamtfortschritt',
      totalSummary: ({ done, files, sent, total }) => `${done} von ${files} Dateien, ${sent} von ${total}`,
      pauseAll: 'Alle pausieren',
      resumeAll: 'Alle fortsetzen',
      retryAll: 'Fehlgeschlagene wiederholen',
      removeAll: 'Liste leeren',
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: /Dateien hochladen/ })).toBeInTheDocument()
    await expect(canvas.getByText('Noch keine Dateien')).toBeInTheDocument()
  },
}

export const RightToLeft: Story = { globals: { dir: 'rtl' }, args: { locale: 'ar' } }
export const Dark: Story = { globals: { uplinkTheme: 'dark' } }
