import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { visibleLabel } from '../testing/a11y-checks'
import { BulkActions } from './BulkActions'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import { textFile } from './story-helpers'

function Bulk({ add }: { add: File[] }) {
  return (
    <StoryProvider add={add} locale="en" options={{ bytesPerSecond: 32 * 1024, failWhenNameIncludes: 'broken' }}>
      <div style={{ display: 'grid', gap: '0.5rem', maxWidth: 640 }}>
        <BulkActions />
        <FileList />
      </div>
    </StoryProvider>
  )
}

const meta = {
  title: 'Components/BulkActions',
  component: Bulk,
  parameters: {
    docs: {
      description: {
        component:
          'Actions on every file they apply to, through core’s explicit bulk actions (pauseAll, resumeAll, cancelAll, retryAll, ' +
          'removeAll with a filter for “Clear finished”). Only the ones that apply are shown, decided from core’s totals.',
      },
    },
  },
} satisfies Meta<typeof Bulk>
export default meta
type Story = StoryObj<typeof meta>

const labels = (root: HTMLElement) => Array.from(root.querySelectorAll('[data-uplink-bulk-actions] button')).map((b) => visibleLabel(b))

/** One file done, one failed, one large one running: pause it, then clear the finished one. */
export const Mixed: Story = {
  args: { add: [textFile('done.txt', 10), textFile('broken.txt', 10), textFile('large.bin', 4_000_000)] },
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(canvas.getByRole('group', { name: 'All files' })).toBeInTheDocument()
    await waitFor(() => expect(canvas.getByRole('group', { name: 'done.txt, Uploaded' })).toBeInTheDocument(), { timeout: 5000 })
    await waitFor(() => expect(canvas.getByRole('group', { name: 'broken.txt, Failed' })).toBeInTheDocument(), { timeout: 5000 })
    await expect(labels(canvasElement)).toEqual(['Pause all', 'Retry failed', 'Clear finished', 'Cancel all'])
    await expect(canvas.getByRole('button', { name: 'Cancel all' })).toHaveAttribute('data-destructive')
    await userEvent.click(canvas.getByRole('button', { name: 'Pause all' }))
    await waitFor(() => expect(labels(canvasElement)).toEqual(['Resume all', 'Retry failed', 'Clear finished', 'Cancel all']))
    // The pressed button went away; focus stayed in the group.
    await expect(document.activeElement?.closest('[data-uplink-bulk-actions]')).not.toBeNull()
    await userEvent.click(canvas.getByRole('button', { name: 'Clear finished' }))
    await waitFor(() => expect(canvas.queryByText('done.txt')).not.toBeInTheDocument())
    await expect(canvas.getByRole('group', { name: 'broken.txt, Failed' })).toBeInTheDocument()
    await userEvent.click(canvas.getByRole('button', { name: 'Cancel all' }))
    await waitFor(() => expect(canvas.getByRole('group', { name: 'large.bin, Cancelled' })).toBeInTheDocument())
  },
}

/** Nothing to act on: the group is there, empty and hidden (data-empty). */
export const NothingToDo: Story = {
  args: { add: [] },
  play: async ({ canvasElement }) => {
    await expect(canvasElement.querySelector('[data-uplink-bulk-actions]')).toHaveAttribute('data-empty')
    await expect(labels(canvasElement)).toEqual([])
  },
}
