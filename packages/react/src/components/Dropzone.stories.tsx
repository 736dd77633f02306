import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { Dropzone } from './Dropzone'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import { dragEvent, dropFiles, pasteFiles, textFile } from './story-helpers'

const meta = {
  title: 'Components/Dropzone',
  component: Dropzone,
  decorators: [
    (Story) => (
      <StoryProvider options={{ bytesPerSecond: 4 * 1024 * 1024 }}>
        <Story />
        <FileList />
      </StoryProvider>
    ),
  ],
  parameters: {
    docs: {
      description: {
        component:
          'A drop target for files and whole folders; also takes pasted files and opens the picker on click, Enter or Space. ' +
          'State is mirrored to `data-drag-active`, `data-drag-reject`, `data-reading`, `data-rejected`.',
      },
    },
  },
} satisfies Meta<typeof Dropzone>
export default meta
type Story = StoryObj<typeof meta>

const zoneOf = (canvas: { getByRole: (role: string, options: { name: RegExp }) => HTMLElement }) =>
  canvas.getByRole('button', { name: /upload files/i })

export const Empty: Story = {
  play: async ({ canvas }) => {
    const zone = zoneOf(canvas)
    await expect(zone).toHaveAttribute('tabindex', '0')
    await expect(zone).not.toHaveAttribute('data-drag-active')
    await expect(canvas.getByText('No files yet')).toBeInTheDocument()
  },
}

export const DragOver: Story = {
  play: async ({ canvas }) => {
    const zone = zoneOf(canvas)
    zone.dispatchEvent(dragEvent('dragenter', [textFile('notes.txt')]))
    await waitFor(() => expect(zone).toHaveAttribute('data-drag-active'))
    await expect(canvas.getByText('Upload files: drop to add them')).toBeInTheDocument()
  },
}

export const DragOverRejected: Story = {
  args: { accept: 'image/*' },
  play: async ({ canvas }) => {
    const zone = zoneOf(canvas)
    zone.dispatchEvent(dragEvent('dragenter', [textFile('notes.txt')]))
    await waitFor(() => expect(zone).toHaveAttribute('data-drag-reject'))
    zone.dispatchEvent(dragEvent('dragleave', [textFile('notes.txt')]))
    await waitFor(() => expect(zone).not.toHaveAttribute('data-drag-active'))
  },
}

/** A real drop: a DataTransfer holding Files, dispatched as drag events; the fake server receives it. */
export const DropFiles: Story = {
  play: async ({ canvas }) => {
    const zone = zoneOf(canvas)
    dropFiles(zone, [textFile('hello.txt', 2048), textFile('second.txt', 10)])
    await waitFor(() => expect(canvas.getByText('hello.txt')).toBeInTheDocument())
    await expect(zone).not.toHaveAttribute('data-drag-active')
    const bar = canvas.getByRole('progressbar', { name: 'Upload of hello.txt' })
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '100'), { timeout: 5000 })
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('2 files added'))
  },
}

export const PasteFiles: Story = {
  play: async ({ canvas }) => {
    const zone = zoneOf(canvas)
    zone.focus()
    pasteFiles(zone, [textFile('pasted.txt')])
    await waitFor(() => expect(canvas.getByText('pasted.txt')).toBeInTheDocument())
  },
}

/** accept and maxSize turn files away with a reason a person can read, announced too. */
export const Rejected: Story = {
  args: { accept: 'image/*,.pdf', maxSize: 1000 },
  play: async ({ canvas }) => {
    const zone = zoneOf(canvas)
    dropFiles(zone, [textFile('notes.txt')])
    await waitFor(() => expect(zone).toHaveAttribute('data-rejected'))
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent(/notes\.txt not added: This type of file is not accepted/))
    await expect(canvas.getByText('No files yet')).toBeInTheDocument()
  },
}

/** Enter and Space open the picker (the input's click is caught here so no dialog opens). */
export const KeyboardOpensPicker: Story = {
  play: async ({ canvasElement, canvas, userEvent }) => {
    const input = canvasElement.querySelector<HTMLInputElement>('input[type=file]')!
    let opened = 0
    input.addEventListener('click', (event) => {
      event.preventDefault()
      opened++
    })
    await userEvent.tab()
    await expect(zoneOf(canvas)).toHaveFocus()
    await userEvent.keyboard('{Enter}')
    await userEvent.keyboard(' ')
    await expect(opened).toBe(2)
  },
}

export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvas }) => {
    const zone = zoneOf(canvas)
    await expect(zone).toHaveAttribute('aria-disabled', 'true')
    dropFiles(zone, [textFile('ignored.txt')])
    await expect(canvas.queryByText('ignored.txt')).not.toBeInTheDocument()
  },
}
