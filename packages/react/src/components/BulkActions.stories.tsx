import type { Uploader } from '@uplink/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { visibleLabel } from '../testing/a11y-checks'
import { BulkActions } from './BulkActions'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import type { SeedFile } from './story-uploader'

let current: Uploader | undefined

function Seeded({ files }: { files: SeedFile[] }) {
  return (
    <StoryProvider seed={files} locale="en" onUploader={(uploader) => (current = uploader)}>
      <div style={{ display: 'grid', gap: '0.5rem', maxWidth: 640 }}>
        <BulkActions />
        <FileList />
      </div>
    </StoryProvider>
  )
}

const meta = {
  title: 'Components/BulkActions',
  component: Seeded,
  parameters: {
    docs: {
      description: {
        component:
          'Actions on every file they apply to, through core’s explicit bulk actions (pauseAll, resumeAll, cancelAll, retryAll, ' +
          'removeAll with a filter for “Clear finished”). Only the ones that apply are shown, decided from core’s totals.',
      },
    },
  },
} satisfies Meta<typeof Seeded>
export default meta
type Story = StoryObj<typeof meta>

const labels = (root: HTMLElement) => Array.from(root.querySelectorAll('[data-uplink-bulk-actions] button')).map((b) => visibleLabel(b))

export const Mixed: Story = {
  args: {
    files: [
      { name: 'done.txt', size: 100, status: 'done' },
      { name: 'failed.txt', size: 100, status: 'error', error: { code: 'network', message: 'x' } },
      { name: 'paused.txt', size: 100, status: 'paused', progress: 0.5 },
    ],
  },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByRole('group', { name: 'All files' })).toBeInTheDocument()
    await expect(labels(canvasElement)).toEqual(['Resume all', 'Retry failed', 'Clear finished', 'Cancel all'])
    await expect(canvas.getByRole('button', { name: 'Cancel all' })).toHaveAttribute('data-destructive')
    canvas.getByRole('button', { name: 'Clear finished' }).click()
    await waitFor(() => expect(canvas.queryByText('done.txt')).not.toBeInTheDocument())
    await expect(canvas.getByText('failed.txt')).toBeInTheDocument()
    await expect(current?.store.getState().order).toHaveLength(2)
  },
}

/** Nothing to act on: the group is there, empty and hidden (data-empty). */
export const NothingToDo: Story = {
  args: { files: [] },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-uplink-bulk-actions]')).toHaveAttribute('data-empty')
    await expect(labels(canvasElement)).toEqual([])
  },
}
