import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { StoryProvider } from './StoryProvider'
import type { SeedFile } from './story-uploader'
import { TotalProgress } from './TotalProgress'

function Seeded({ files, units }: { files: SeedFile[]; units?: 'binary' | 'decimal' }) {
  return (
    <StoryProvider seed={files} locale="en" {...(units ? { units } : {})}>
      <div style={{ maxWidth: 480 }}>
        <TotalProgress />
      </div>
    </StoryProvider>
  )
}

const meta = {
  title: 'Components/TotalProgress',
  component: Seeded,
  parameters: {
    docs: {
      description: {
        component:
          'Progress over all files from core’s totals: percentage, files uploaded, failures (and cancellations) said, bytes, speed and ' +
          'time left. Sizes in binary units (KiB, MiB) by default, or decimal with `units="decimal"` on the provider. Empty with no files.',
      },
    },
  },
} satisfies Meta<typeof Seeded>
export default meta
type Story = StoryObj<typeof meta>

/** No files: nothing to read (not "0 of 0 files, 0 bytes of 0 bytes"). */
export const Idle: Story = {
  args: { files: [] },
  play: async ({ canvasElement }) => {
    const block = canvasElement.querySelector('[data-uplink-total-progress]')!
    await expect(block).toHaveAttribute('data-empty')
    await expect(block).toHaveTextContent('')
  },
}

export const Uploading: Story = {
  args: {
    files: [
      { name: 'a.bin', size: 4 * 1024 ** 2, status: 'done' },
      { name: 'b.bin', size: 4 * 1024 ** 2, status: 'uploading', progress: 0.5, speed: 1024 ** 2, etaSeconds: 2 },
    ],
  },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByRole('progressbar', { name: 'Total upload progress' })).toHaveAttribute('aria-valuenow', '75')
    await expect(canvasElement.querySelector('[data-uplink-total-summary]')!.textContent).toBe('75% 1 of 2 files uploaded 6 MiB of 8 MiB 1 MiB/s 2 sec left')
  },
}

export const DecimalUnits: Story = {
  args: { files: [{ name: 'a.bin', size: 5 * 1024 ** 2, status: 'uploading', progress: 0.5 }], units: 'decimal' },
  play: async ({ canvas }) => expect(canvas.getByText('2.6 MB of 5.2 MB')).toBeInTheDocument(),
}

export const Complete: Story = {
  args: { files: [{ name: 'a.bin', size: 1_000, status: 'done' }] },
  play: async ({ canvasElement }) => expect(canvasElement.querySelector('[data-uplink-total-progress]')).toHaveAttribute('data-complete'),
}

/** Failures are counted and said; a failed file adds what the server confirmed, so the bar is not full. */
export const WithFailures: Story = {
  args: {
    files: [
      { name: 'a.bin', size: 1024, status: 'done' },
      { name: 'b.bin', size: 1024, status: 'error', progress: 0.5, error: { code: 'timeout', message: 'stalled' } },
      { name: 'c.bin', size: 1024, status: 'cancelled' },
    ],
  },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByText('1 failed')).toBeInTheDocument()
    await expect(canvas.getByText('1 cancelled')).toBeInTheDocument()
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '75')
    await expect(canvasElement.querySelector('[data-uplink-total-progress]')).toHaveAttribute('data-failed')
    await expect(canvasElement.querySelector('[data-uplink-total-progress]')).not.toHaveAttribute('data-complete')
  },
}
