import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import type { UplinkIcons } from '../icons/icons'
import { visibleLabel } from '../testing/a11y-checks'
import { Dropzone } from './Dropzone'
import { FileItem } from './FileItem'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import type { SeedFile } from './story-uploader'
import { dropFiles, makePng, zoneIn } from './story-helpers'

/** One seeded file in a fixed state; the row's id is the seed's. */
function Seeded({ file, icons }: { file: SeedFile; icons?: Partial<UplinkIcons> | false }) {
  return (
    <StoryProvider seed={[file]} locale="en" {...(icons !== undefined ? { icons } : {})}>
      <div style={{ maxWidth: 640 }}>
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
          'One file: its kind or preview, name, status, percentage, bytes, speed and time left while sending, a readable error with its ' +
          'technical detail, and the controls its state allows: Pause / Resume / Retry, and one destructive action (Cancel while it runs, ' +
          'Remove once it has ended). Controls show an icon and visible text; the accessible name begins with that text. ' +
          'The row carries `data-status` for styling.',
      },
    },
  },
} satisfies Meta<typeof Seeded>
export default meta
type Story = StoryObj<typeof meta>

/** The controls a row shows, by visible text, in order. */
const controls = (root: HTMLElement) => within(root).queryAllByRole('button').map((button) => visibleLabel(button))

export const Queued: Story = {
  args: { file: { name: 'contract.pdf', size: 240_000, status: 'queued', type: 'application/pdf' } },
  play: async ({ canvasElement }) => {
    await expect(controls(canvasElement)).toEqual(['Pause', 'Cancel'])
    // The thumbnail (the kind's icon) is a chunk of its own, loaded with the first row.
    await waitFor(() => expect(canvasElement.querySelector('[data-uplink-thumbnail]')).toHaveAttribute('data-kind', 'pdf'))
  },
}

/** Percentage and bytes, speed and time left; Cancel (not Remove) while it runs. */
export const Uploading: Story = {
  args: { file: { name: 'holiday-video.mp4', size: 700 * 1024 ** 2, type: 'video/mp4', status: 'uploading', progress: 0.42, speed: 2.5 * 1024 ** 2, etaSeconds: 178 } },
  play: async ({ canvas, canvasElement }) => {
    const bar = canvas.getByRole('progressbar', { name: 'Upload of holiday-video.mp4' })
    await expect(bar).toHaveAttribute('aria-valuenow', '42')
    await expect(bar).toHaveAttribute('aria-valuetext', '42%, 294 MiB of 700 MiB')
    await expect(canvas.getByText('42%')).toBeInTheDocument()
    await expect(canvas.getByText('294 MiB of 700 MiB')).toBeInTheDocument()
    await expect(canvas.getByText('2.5 MiB/s')).toBeInTheDocument()
    await expect(canvas.getByText('2 min, 58 sec left')).toBeInTheDocument()
    await expect(controls(canvasElement)).toEqual(['Pause', 'Cancel'])
    // The name begins with what is shown, then says which file (WCAG 2.5.3, label in name).
    await expect(canvas.getByRole('button', { name: 'Pause holiday-video.mp4' })).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Cancel holiday-video.mp4' })).toHaveAttribute('data-destructive')
    // Parts of the status line are separate phrases, not run together.
    await expect(canvasElement.querySelector('[data-uplink-file-meta]')!.textContent).toBe('Uploading 42% 294 MiB of 700 MiB 2.5 MiB/s 2 min, 58 sec left')
  },
}

export const Paused: Story = {
  args: { file: { name: 'backup.tar', size: 5 * 1024 ** 3, status: 'paused', progress: 0.7 } },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByText('Paused')).toBeInTheDocument()
    await expect(controls(canvasElement)).toEqual(['Resume', 'Cancel'])
    // The thumbnail (the kind's icon) is a chunk of its own, loaded with the first row.
    await waitFor(() => expect(canvasElement.querySelector('[data-uplink-thumbnail]')).toHaveAttribute('data-kind', 'archive'))
  },
}

/**
 * A failed file: the plain sentence for its code, the technical detail in a details element,
 * Retry and Remove, and a bar that shows what the server confirmed (30 %), never full.
 */
export const Failed: Story = {
  args: {
    file: { name: 'scan.png', size: 2 * 1024 ** 2, type: 'image/png', status: 'error', progress: 0.3, error: { code: 'http', message: 'The server answered 500.', status: 500 } },
  },
  play: async ({ canvas, canvasElement, userEvent }) => {
    // The sentence for the code arrives with the error sentences' chunk (the generic one reads until then).
    await expect(await canvas.findByText('The server could not take the file. Retry; if it keeps failing, contact support.')).toBeInTheDocument()
    const bar = canvas.getByRole('progressbar')
    await expect(bar).toHaveAttribute('aria-valuenow', '30')
    await expect(bar).not.toHaveAttribute('data-complete')
    await expect(canvas.getByText('614 KiB of 2 MiB')).toBeInTheDocument()
    await expect(controls(canvasElement)).toEqual(['Retry', 'Remove'])
    const details = canvasElement.querySelector('details')!
    await expect(details.open).toBe(false)
    await userEvent.click(within(details).getByText('Technical details'))
    await expect(details.open).toBe(true)
    await expect(within(details).getByText('http')).toBeVisible()
    await expect(within(details).getByText('500')).toBeVisible()
    await expect(within(details).getByText('The server answered 500.')).toBeVisible()
  },
}

export const Done: Story = {
  args: { file: { name: 'notes.md', size: 1200, status: 'done', type: 'text/markdown' } },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvas.getByText('Uploaded')).toBeInTheDocument()
    await expect(canvas.getByText('1.2 KiB')).toBeInTheDocument()
    await expect(canvas.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '100')
    await expect(controls(canvasElement)).toEqual(['Remove'])
  },
}

export const Cancelled: Story = {
  args: { file: { name: 'big.iso', size: 4 * 1024 ** 3, status: 'cancelled', progress: 0.1 } },
  play: async ({ canvasElement }) => expect(controls(canvasElement)).toEqual(['Retry', 'Remove']),
}

export const InAFolder: Story = {
  args: { file: { name: 'a.jpg', relativePath: 'photos/2024/a.jpg', size: 3_000_000, status: 'queued', type: 'image/jpeg' } },
  play: async ({ canvas }) => expect(canvas.getByText('photos/2024/a.jpg')).toBeInTheDocument(),
}

/** Text-only controls (icons={false} on the provider); names still begin with the visible text. */
export const TextOnlyControls: Story = {
  args: { file: { name: 'report.pdf', size: 1_000_000, status: 'uploading', progress: 0.5 }, icons: false },
  play: async ({ canvas, canvasElement }) => {
    await expect(canvasElement.querySelectorAll('button [data-uplink-icon]')).toHaveLength(0)
    await expect(canvas.getByRole('button', { name: 'Pause report.pdf' })).toHaveTextContent(/^Pause/)
  },
}

/** Every icon is replaceable: the app's own icon for pause, the default for the rest. */
export const CustomIcons: Story = {
  args: {
    file: { name: 'report.pdf', size: 1_000_000, status: 'uploading', progress: 0.5 },
    icons: { pause: <span data-testid="my-pause">‖</span> },
  },
  play: async ({ canvas }) => {
    await expect(within(canvas.getByRole('button', { name: 'Pause report.pdf' })).getByTestId('my-pause')).toBeInTheDocument()
  },
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
  play: async ({ canvas, canvasElement }) => {
    dropFiles(zoneIn(canvasElement), [await makePng('sky.png', 320, 200)])
    const img = await waitFor(() => canvas.getByRole('img', { name: 'Preview of sky.png' }), { timeout: 5000 })
    await expect(img.getAttribute('src')).toMatch(/^blob:/)
  },
}
