import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor } from 'storybook/test'
import { Dropzone } from './Dropzone'
import { FileActionButton } from './FileActionButton'
import { FileList } from './FileList'
import { ProgressBar } from './ProgressBar'
import { StoryProvider } from './StoryProvider'
import { dropFiles, textFile } from './story-helpers'
import { useFile } from '../hooks/use-uploader-state'
import { fileProgress } from '@uplink/core'

/**
 * A design system's own look, with no default theme rules in effect: its own class names
 * (which beat the theme's zero-specificity rules), its own row through renderItem, and its
 * own elements through render props. Behaviour and accessibility stay Uplink's.
 */
const css = `
.ds-zone { border: 3px solid #5b21b6; border-radius: 1.5rem; padding: 2rem; background: #faf5ff; color: #3b0764; font: 600 1rem Georgia, serif; display: block; }
.ds-zone[data-drag-active] { background: #ede9fe; }
.ds-row { display: flex; gap: 1rem; align-items: center; padding: 0.5rem 0; font-family: Georgia, serif; color: #3b0764; }
.ds-bar { flex: 1; height: 4px; background: #e9d5ff; }
.ds-bar > div { height: 100%; width: calc(var(--uplink-progress) * 100%); background: #5b21b6; }
.ds-chip { border: 0; border-radius: 999px; background: #5b21b6; color: white; padding: 0.25rem 0.75rem; }
.ds-chip:focus-visible { outline: 3px solid #f59e0b; }
`

function Row({ id }: { id: string }) {
  const file = useFile(id)
  if (!file) return null
  return (
    <div className="ds-row" data-uplink-file="" data-uplink-file-id={id} tabIndex={-1}>
      <strong>{file.name}</strong>
      <ProgressBar className="ds-bar" value={fileProgress(file)} label={`Upload of ${file.name}`} />
      <FileActionButton action="remove" id={id} render={(props) => <button {...props} className="ds-chip">Remove</button>} />
    </div>
  )
}

function Restyled() {
  return (
    <StoryProvider options={{ bytesPerSecond: 1e9 }}>
      <style>{css}</style>
      <Dropzone className="ds-zone">{({ isDragActive }) => (isDragActive ? 'Let go!' : 'Upload files: drop your manuscripts here')}</Dropzone>
      <FileList className="ds-list" renderItem={(id) => <Row id={id} />} />
    </StoryProvider>
  )
}

const meta = { title: 'Uploader/Restyled', component: Restyled } satisfies Meta<typeof Restyled>
export default meta
type Story = StoryObj<typeof meta>

export const DesignSystem: Story = {
  play: async ({ canvas }) => {
    const zone = canvas.getByRole('button', { name: /upload files/i })
    await expect(zone).toHaveClass('ds-zone')
    dropFiles(zone, [textFile('chapter-1.docx')])
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Remove chapter-1.docx' })).toHaveClass('ds-chip'))
  },
}
