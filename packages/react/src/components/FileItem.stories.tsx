import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { FileItem } from './FileItem'
import { StoryProvider } from './StoryProvider'
import type { SeedFile } from './story-uploader'
import { dropFiles, makePng } from './story-helpers'
import { Dropzone } from './Dropzone'
import { FileList } from './FileList'

/** One seeded file in a fixed state; the row's id is the seed's. */
function Seeded({ file }: { file: SeedFile }) {
  return (
    <StoryProvider seed={[file]}>
      <div style={{ maxWidth: 560 }}>
        <FileItem id={`seed-0-${file.name}`} />
      </div>
    </StoryProvider>
  )
}

const meta = {
  title: 'Components/FileItem',
  component: Seeded,
  parameters: {
    docs: {
      description: {
        component:
          'One file: name, size, status, progress, speed and time left while sending, a readable error, and the controls that apply. ' +
          'The row carries `data-status` for styling.',
      },
    },
  },
} satisfies Meta<typeof Seeded>
export default meta
type Story = StoryObj<typeof meta>

export const Queued: Story = { args: { file: { name: 'contract.pdf', size: 240_000, status: 'queued' } } }

export const Uploading: Story = {
  args: { file: { name: 'holiday-video.mp4', size: 734_003_200, status: 'uploading', progress: 0.42, speed: 2_400_000, etaSeconds: 178 } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '42')
    await expect(canvas.getByText('2.4 MB/s')).toBeInTheDocument()
    await expect(canvas.getByText('2 min, 58 sec left')).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Pause holiday-video.mp4' })).toBeInTheDocument()
  },
}

export const Paused: Story = {
  args: { file: { name: 'backup.tar', size: 5_000_000_000, status: 'paused', progress: 0.7 } },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Paused')).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Resume backup.tar' })).toBeInTheDocument()
  },
}

export const Failed: Story = {
  args: {
    file: { name: 'scan.png', size: 2_000_000, status: 'error', progress: 0.3, error: { code: 'network', message: 'xhr error 0' } },
  },
  play: async ({ canvas }) => {
    // The code's readable sentence replaces the raw engine message.
    await expect(canvas.getByText('The connection dropped. Check your network and retry.')).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Retry scan.png' })).toBeInTheDocument()
  },
}

export const Done: Story = {
  args: { file: { name: 'notes.md', size: 1200, status: 'done' } },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Uploaded')).toBeInTheDocument()
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
  },
}

export const Cancelled: Story = { args: { file: { name: 'big.iso', size: 4_000_000_000, status: 'cancelled', progress: 0.1 } } }

export const InAFolder: Story = {
  args: { file: { name: 'a.jpg', relativePath: 'photos/2024/a.jpg', size: 3_000_000, status: 'queued' } },
}

/** An image gets a thumbnail made in a worker (createImageBitmap + OffscreenCanvas). */
export const ImageThumbnail: Story = {
  args: { file: { name: 'unused', size: 0, status: 'queued' } },
  render: () => (
    <StoryProvider options={{ autoStart: false }}>
      <Dropzone />
      <FileList />
    </StoryProvider>
  ),
  play: async ({ canvas }) => {
    dropFiles(canvas.getByRole('button', { name: /upload files/i }), [await makePng('sky.png', 320, 200)])
    const img = await waitFor(() => canvas.getByRole('img', { name: 'Preview of sky.png' }), { timeout: 5000 })
    await expect(img.getAttribute('src')).toMatch(/^blob:/)
  },
}
