import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { FileList } from './FileList'
import { StoryProvider } from './StoryProvider'
import { UploadButton } from './UploadButton'
import { textFile } from './story-helpers'

const meta = {
  title: 'Components/UploadButton',
  component: UploadButton,
  decorators: [
    (Story) => (
      <StoryProvider options={{ autoStart: false }}>
        <Story />
        <FileList />
      </StoryProvider>
    ),
  ],
} satisfies Meta<typeof UploadButton>
export default meta
type Story = StoryObj<typeof meta>

/** Picking files through the (hidden) input adds them; the button is a native button. */
export const Default: Story = {
  play: async ({ canvas, canvasElement, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Choose files' })
    const input = canvasElement.querySelector<HTMLInputElement>('input[type=file]')!
    let opened = false
    input.addEventListener('click', (event) => {
      event.preventDefault() // no real dialog in a test; choose "by hand" below
      opened = true
    })
    await userEvent.click(button)
    await expect(opened).toBe(true)
    const chosen = new DataTransfer()
    chosen.items.add(textFile('picked.txt'))
    input.files = chosen.files
    input.dispatchEvent(new Event('change', { bubbles: true }))
    await waitFor(() => expect(canvas.getByText('picked.txt')).toBeInTheDocument())
  },
}

export const Folder: Story = { args: { directory: true, children: 'Choose a folder' } }

/** The render prop puts the behaviour on a design system's own button. */
export const CustomButton: Story = {
  args: {
    render: (props) => <button {...props} className="ds-button ds-button--primary" data-testid="custom" />,
    children: 'Add attachments',
  },
  play: async ({ canvas }) => expect(canvas.getByTestId('custom')).toHaveTextContent('Add attachments'),
}

/** Text only: no icon, the visible text is the whole name. */
export const TextOnly: Story = {
  args: { icon: null, children: 'Attach files' },
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button', { name: 'Attach files' })
    await expect(button.querySelector('[data-uplink-icon]')).toBeNull()
  },
}
