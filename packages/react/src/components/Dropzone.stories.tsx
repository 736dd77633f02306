import type { Meta, StoryObj } from '@storybook/react-vite'
import { useState } from 'react'
import { expect, waitFor } from 'storybook/test'
import { UploaderProvider } from '../context'
import { Dropzone } from './Dropzone'
import { FileList } from './FileList'
import { createStoryUploader } from './story-uploader'

function DropzoneWithList() {
  const [uploader] = useState(createStoryUploader)
  return (
    <UploaderProvider uploader={uploader}>
      <Dropzone className="story-dropzone" />
      <FileList />
    </UploaderProvider>
  )
}

const meta = {
  title: 'Components/Dropzone',
  component: DropzoneWithList,
} satisfies Meta<typeof DropzoneWithList>
export default meta

type Story = StoryObj<typeof meta>

export const Empty: Story = {
  play: async ({ canvas }) => {
    const zone = canvas.getByRole('button', { name: /upload files/i })
    await expect(zone).toHaveAttribute('tabindex', '0')
    await expect(zone).not.toHaveAttribute('data-drag-active')
  },
}

/** A real drop: a DataTransfer holding a File, dispatched as drag events. */
export const DropAFile: Story = {
  play: async ({ canvas }) => {
    const zone = canvas.getByRole('button', { name: /upload files/i })
    const transfer = new DataTransfer()
    transfer.items.add(new File(['hello uplink'], 'hello.txt', { type: 'text/plain' }))
    zone.dispatchEvent(new DragEvent('dragenter', { bubbles: true, cancelable: true, dataTransfer: transfer }))
    await waitFor(() => expect(zone).toHaveAttribute('data-drag-active'))
    zone.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer }))
    await waitFor(() => expect(canvas.getByText('hello.txt')).toBeInTheDocument())
    await expect(zone).not.toHaveAttribute('data-drag-active')
    await expect(canvas.getByRole('progressbar', { name: 'Upload of hello.txt' })).toBeInTheDocument()
  },
}
