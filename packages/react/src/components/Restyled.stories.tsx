// The design system's typeface, self-hosted (as a real one would be; screenshots need fonts that are the same on every machine).
import '@fontsource/ibm-plex-serif/400.css'
import '@fontsource/ibm-plex-serif/600.css'
import { fileProgress } from '@uplink/core'
import type { Meta, StoryObj } from '@storybook/react-vite'
import { expect, waitFor, within } from 'storybook/test'
import { useByteFormat, useMessages } from '../context'
import { useFile } from '../hooks/use-uploader-state'
import { formatBytes } from '../i18n/format'
import { Dropzone } from './Dropzone'
import { FileActionButton } from './FileActionButton'
import { statusText } from './FileItem'
import { FileList } from './FileList'
import { ProgressBar } from './ProgressBar'
import { useRowTabIndex } from './row-focus'
import { StoryProvider } from './StoryProvider'
import { dropFiles, textFile, zoneIn } from './story-helpers'

/**
 * A design system's own look, with no default theme rules in effect: its own class names
 * (which beat the theme's zero-specificity rules), its own row through renderItem, and its
 * own elements through render props. Behaviour and accessibility stay Uplink's.
 */
const css = `
.ds-zone { display: grid; gap: .5rem; justify-items: start; border: 3px solid #5b21b6; border-radius: 1.5rem; padding: 2rem; background: #faf5ff; color: #3b0764; font: 600 1rem "IBM Plex Serif", Georgia, serif; }
.ds-zone[data-drag-active] { background: #ede9fe; }
.ds-zone[data-focus-visible] { outline: 3px solid #f59e0b; outline-offset: 3px; }
.ds-zone-button { border: 0; border-radius: 999px; background: #5b21b6; color: white; padding: .5rem 1rem; font: inherit; }
.ds-list { background: #ffffff; color: #3b0764; margin-top: 1rem; }
.ds-row { display: grid; grid-template-columns: 1fr auto; gap: .25rem 1rem; align-items: center; padding: .5rem 0; font-family: "IBM Plex Serif", Georgia, serif; background: #ffffff; color: #3b0764; }
.ds-row:focus-visible { outline: 3px solid #f59e0b; }
.ds-meta { grid-column: 1; display: flex; gap: .75rem; font-size: .875rem; color: #4c1d95; }
.ds-bar { grid-column: 1; height: 4px; background: #e9d5ff; }
.ds-bar > div { height: 100%; width: calc(var(--uplink-progress) * 100%); background: #5b21b6; }
.ds-actions { grid-column: 2; grid-row: 1 / 4; display: flex; gap: .5rem; }
.ds-chip { border: 0; border-radius: 999px; background: #5b21b6; color: white; padding: 0.25rem 0.75rem; font: inherit; }
.ds-chip[data-destructive] { background: #9f1239; }
.ds-chip:focus-visible { outline: 3px solid #f59e0b; }
`

function Row({ id }: { id: string }) {
  const file = useFile(id)
  const messages = useMessages()
  const { locale, units } = useByteFormat()
  const tabIndex = useRowTabIndex()
  if (!file) return null
  const chip = (props: object) => <button {...props} className="ds-chip" />
  return (
    <div className="ds-row" data-uplink-file="" data-uplink-file-id={id} data-status={file.status} tabIndex={tabIndex} role="group" aria-label={`${file.name}, ${statusText(file, messages)}`}>
      <strong>{file.name}</strong>
      <span className="ds-meta">
        <span data-ds-size="">{formatBytes(file.size, locale, units)}</span> <span data-ds-status="">{statusText(file, messages)}</span>
      </span>
      <ProgressBar className="ds-bar" value={fileProgress(file)} label={messages.fileProgressLabel(file.name)} />
      <span className="ds-actions">
        <FileActionButton action="pause" id={id} icon={null} render={chip} />
        <FileActionButton action="resume" id={id} icon={null} render={chip} />
        <FileActionButton action="retry" id={id} icon={null} render={chip} />
        <FileActionButton action="cancel" id={id} icon={null} render={chip} />
        <FileActionButton action="remove" id={id} icon={null} render={chip} />
      </span>
    </div>
  )
}

function Restyled() {
  return (
    <StoryProvider options={{ autoStart: false }} locale="en">
      <style>{css}</style>
      <Dropzone className="ds-zone" buttonClassName="ds-zone-button" icon={null}>
        {({ isDragActive }) => (isDragActive ? 'Let go!' : 'Drop your manuscripts here')}
      </Dropzone>
      <FileList className="ds-list" renderItem={(id) => <Row id={id} />} />
    </StoryProvider>
  )
}

const meta = { title: 'Uploader/Restyled', component: Restyled } satisfies Meta<typeof Restyled>
export default meta
type Story = StoryObj<typeof meta>

export const DesignSystem: Story = {
  play: async ({ canvas, canvasElement }) => {
    const zone = zoneIn(canvasElement)
    await expect(zone).toHaveClass('ds-zone')
    await expect(canvas.getByRole('button', { name: 'Choose files' })).toHaveClass('ds-zone-button')
    dropFiles(zone, [textFile('chapter-1.docx', 2048)])
    const row = await waitFor(() => canvas.getByRole('group', { name: 'chapter-1.docx, Waiting' }))
    // Each row keeps its size and status, and its one destructive action in the design system's chip.
    await expect(within(row).getByText('2 KiB')).toBeInTheDocument()
    await expect(within(row).getByText('Waiting')).toBeInTheDocument()
    await expect(within(row).getByRole('button', { name: 'Cancel chapter-1.docx' })).toHaveClass('ds-chip')
    await expect(within(row).queryByRole('button', { name: /^Remove/ })).toBeNull()
  },
}
