import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect } from 'storybook/test'
import { ProgressBar } from './ProgressBar'
import { StoryProvider } from './StoryProvider'

const meta = {
  title: 'Components/ProgressBar',
  component: ProgressBar,
  decorators: [
    (Story) => (
      <StoryProvider>
        <div style={{ maxWidth: 320 }}>
          <Story />
        </div>
      </StoryProvider>
    ),
  ],
  args: { label: 'Upload of report.pdf', value: 0.42 },
} satisfies Meta<typeof ProgressBar>
export default meta
type Story = StoryObj<typeof meta>

export const Partial: Story = {
  play: async ({ canvas }) => {
    const bar = canvas.getByRole('progressbar', { name: 'Upload of report.pdf' })
    await expect(bar).toHaveAttribute('aria-valuenow', '42')
    await expect(bar).toHaveAttribute('aria-valuetext', '42%')
  },
}
export const Empty: Story = { args: { value: 0 } }
export const Complete: Story = {
  args: { value: 1 },
  play: async ({ canvas }) => expect(canvas.getByRole('progressbar')).toHaveAttribute('data-complete'),
}
export const Indeterminate: Story = {
  args: { value: undefined },
  play: async ({ canvas }) => expect(canvas.getByRole('progressbar')).not.toHaveAttribute('aria-valuenow'),
}
export const WithValueText: Story = { args: { value: 0.5, valueText: '4 MB of 8 MB' } }
