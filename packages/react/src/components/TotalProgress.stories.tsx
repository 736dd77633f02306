import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { StoryProvider } from './StoryProvider'
import type { SeedFile } from './story-uploader'
import { TotalProgress } from './TotalProgress'

function Seeded({ files }: { files: SeedFile[] }) {
  return (
    <StoryProvider seed={files}>
      <div style={{ maxWidth: 480 }}>
        <TotalProgress />
      </div>
    </StoryProvider>
  )
}

const meta = { title: 'Components/TotalProgress', component: Seeded } satisfies Meta<typeof Seeded>
export default meta
type Story = StoryObj<typeof meta>

export const Idle: Story = { args: { files: [] } }
export const Uploading: Story = {
  args: {
    files: [
      { name: 'a.bin', size: 4_000_000, status: 'done' },
      { name: 'b.bin', size: 4_000_000, status: 'uploading', progress: 0.5 },
    ],
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('progressbar', { name: 'Total upload progress' })).toHaveAttribute('aria-valuenow', '75')
    await expect(canvas.getByText('1 of 2 files, 6 MB of 8 MB')).toBeInTheDocument()
  },
}
export const Complete: Story = {
  args: { files: [{ name: 'a.bin', size: 1_000, status: 'done' }] },
  play: async ({ canvasElement }) => expect(canvasElement.querySelector('[data-uplink-total-progress]')).toHaveAttribute('data-complete'),
}
export const WithFailures: Story = {
  args: {
    files: [
      { name: 'a.bin', size: 1_000, status: 'done' },
      { name: 'b.bin', size: 1_000, status: 'error', error: { code: 'timeout', message: 'stalled' } },
    ],
  },
}
