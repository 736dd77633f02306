import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { Dropzone } from './Dropzone'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import { announced, dragEvent, dropFiles, pasteFiles, pretendCoarsePointer, textFile, zoneIn } from './story-helpers'

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
          'A drop zone in the shape of React Aria’s DropZone: a labelled group that takes dropped files and folders and pasted files, ' +
          'with exactly one keyboard stop, a real button that opens the picker (no nested interactive controls). ' +
          'Its copy fits the device: drag-and-paste wording for a mouse, plain “add files” on a touch screen. ' +
          'State is mirrored to `data-drag-active`, `data-drag-reject`, `data-reading`, `data-rejected`, `data-focus-visible`, `data-pointer`.',
      },
    },
  },
} satisfies Meta<typeof Dropzone>
export default meta
type Story = StoryObj<typeof meta>

/** One keyboard stop: the zone is a named group (not a button) holding one real button. */
export const Empty: Story = {
  play: async ({ canvasElement, canvas }) => {
    const zone = zoneIn(canvasElement)
    await expect(zone).toHaveAttribute('role', 'group')
    await expect(zone).toHaveAccessibleName('Drop files here or paste them')
    await expect(zone).not.toHaveAttribute('tabindex')
    const stops = Array.from(zone.querySelectorAll<HTMLElement>('button, a[href], input:not([hidden]), [tabindex]')).filter((el) => el.tabIndex >= 0)
    await expect(stops).toHaveLength(1)
    await expect(stops[0]).toBe(canvas.getByRole('button', { name: 'Choose files' }))
    await expect(zone).toHaveAttribute('data-pointer', 'fine')
    await expect(canvas.getByText('No files yet')).toBeInTheDocument()
  },
}

/** On a touch screen nobody drags or pastes: the copy says so. */
export const TouchScreen: Story = {
  beforeEach: pretendCoarsePointer,
  play: async ({ canvasElement }) => {
    const zone = zoneIn(canvasElement)
    await waitFor(() => expect(zone).toHaveAttribute('data-pointer', 'coarse'))
    await expect(zone).toHaveAccessibleName('Add files from this device')
    await expect(zone).not.toHaveTextContent(/drop|paste/i)
  },
}

/** Accept and size limits are said under the button, and the button is described by them. */
export const WithLimits: Story = {
  args: { accept: 'image/*,.pdf', maxFileSize: 5 * 1024 ** 3, maxFiles: 10 },
  play: async ({ canvas }) => {
    const hint = 'Accepted: image/*, .pdf, up to 5 GiB each, at most 10 files'
    await expect(canvas.getByText(hint)).toBeInTheDocument()
    await expect(canvas.getByRole('button', { name: 'Choose files' })).toHaveAccessibleDescription(hint)
  },
}

export const DragOver: Story = {
  play: async ({ canvasElement, canvas }) => {
    const zone = zoneIn(canvasElement)
    zone.dispatchEvent(dragEvent('dragenter', [textFile('notes.txt')]))
    await waitFor(() => expect(zone).toHaveAttribute('data-drag-active'))
    await expect(canvas.getByText('Drop to add them')).toBeInTheDocument()
  },
}

export const DragOverRejected: Story = {
  args: { accept: 'image/*' },
  play: async ({ canvasElement, canvas }) => {
    const zone = zoneIn(canvasElement)
    zone.dispatchEvent(dragEvent('dragenter', [textFile('notes.txt')]))
    await waitFor(() => expect(zone).toHaveAttribute('data-drag-reject'))
    await expect(canvas.getByText('Some of these files cannot be added here')).toBeInTheDocument()
    zone.dispatchEvent(dragEvent('dragleave', [textFile('notes.txt')]))
    await waitFor(() => expect(zone).not.toHaveAttribute('data-drag-active'))
  },
}

/** A real drop: a DataTransfer holding Files, dispatched as drag events; the fake server receives it. */
export const DropFiles: Story = {
  play: async ({ canvasElement, canvas }) => {
    const zone = zoneIn(canvasElement)
    dropFiles(zone, [textFile('hello.txt', 2048), textFile('second.txt', 10)])
    await waitFor(() => expect(canvas.getByText('hello.txt')).toBeInTheDocument())
    await expect(zone).not.toHaveAttribute('data-drag-active')
    const bar = canvas.getByRole('progressbar', { name: 'Upload of hello.txt' })
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '100'), { timeout: 5000 })
    await waitFor(() => expect(announced('polite')).toContain('2 files added'))
  },
}

/** Paste lands on the zone while its button has focus. */
export const PasteFiles: Story = {
  play: async ({ canvasElement, canvas }) => {
    const button = canvas.getByRole('button', { name: 'Choose files' })
    button.focus()
    pasteFiles(button, [textFile('pasted.txt')])
    await waitFor(() => expect(canvas.getByText('pasted.txt')).toBeInTheDocument())
    await expect(zoneIn(canvasElement)).toBeInTheDocument()
  },
}

/** accept and maxFileSize (core's vocabulary and rules) turn files away with reasons, shown and announced assertively. */
export const Rejected: Story = {
  args: { accept: 'image/*,.pdf', maxFileSize: 1000 },
  play: async ({ canvasElement, canvas }) => {
    const zone = zoneIn(canvasElement)
    dropFiles(zone, [textFile('notes.txt'), new File([new Uint8Array(2048)], 'big.pdf', { type: 'application/pdf' })])
    await waitFor(() => expect(zone).toHaveAttribute('data-rejected'))
    const list = within(zone).getByRole('list')
    await expect(list).toHaveTextContent('notes.txt: This type of file is not accepted here (accepted: image/*, .pdf).')
    await expect(list).toHaveTextContent('big.pdf: This file is larger than 1,000 bytes.')
    await waitFor(() => expect(announced('assertive')).toContain('2 files not added'))
    await expect(canvas.getByText('No files yet')).toBeInTheDocument()
  },
}

/** Tab reaches the button; Enter and Space open the picker (the input's click is caught so no dialog opens). */
export const KeyboardOpensPicker: Story = {
  play: async ({ canvasElement, canvas, userEvent }) => {
    const input = canvasElement.querySelector<HTMLInputElement>('input[type=file]')!
    let opened = 0
    input.addEventListener('click', (event) => {
      event.preventDefault()
      opened++
    })
    await userEvent.tab()
    await expect(canvas.getByRole('button', { name: 'Choose files' })).toHaveFocus()
    await expect(zoneIn(canvasElement)).toHaveAttribute('data-focus-visible')
    await userEvent.keyboard('{Enter}')
    await userEvent.keyboard(' ')
    await expect(opened).toBe(2)
    await userEvent.tab()
    await expect(zoneIn(canvasElement)).not.toHaveAttribute('data-focus-visible')
  },
}

export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement, canvas }) => {
    const zone = zoneIn(canvasElement)
    await expect(zone).toHaveAttribute('data-disabled')
    await expect(canvas.getByRole('button', { name: 'Choose files' })).toBeDisabled()
    dropFiles(zone, [textFile('ignored.txt')])
    await expect(canvas.queryByText('ignored.txt')).not.toBeInTheDocument()
  },
}
