import { type UploadFileState, fileProgress } from '@uplink/core'
import { type HTMLAttributes, type ReactNode, forwardRef, useCallback, useRef } from 'react'
import { useLocale, useMessages } from '../context'
import { formatBytes, formatDuration, formatSpeed } from '../i18n/format'
import { errorText } from '../i18n/messages'
import { useFile } from '../hooks/use-uploader-state'
import { useKeepFocusInRow } from '../dom/use-keep-focus-in-row'
import { type ClassNameProp, type RenderProp, flag, resolveClassName } from '../render'
import { FileActionButton } from './FileActionButton'
import { ProgressBar } from './ProgressBar'
import { Thumbnail } from './Thumbnail'

export interface FileItemProps {
  id: string
  className?: ClassNameProp<UploadFileState>
  /** Show an image preview (default on). */
  thumbnail?: boolean
  /** Replace the row's content; it still gets the row element with its state attributes. */
  children?: (file: UploadFileState) => ReactNode
  /** Replace the row element itself. */
  render?: RenderProp<HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | undefined>, UploadFileState>
}

/**
 * One file: name, size, progress, speed, time left, status, a readable error and its
 * controls. The row is programmatically focusable (tabIndex -1) so focus can land on it.
 */
export const FileItem = forwardRef<HTMLElement, FileItemProps>(function FileItem(
  { id, className, thumbnail = true, children, render },
  ref,
) {
  const file = useFile(id)
  const messages = useMessages()
  const locale = useLocale()
  const rowRef = useRef<HTMLElement | null>(null)
  const setRef = useCallback(
    (node: HTMLElement | null) => {
      rowRef.current = node
      if (typeof ref === 'function') ref(node)
      else if (ref) ref.current = node
    },
    [ref],
  )
  useKeepFocusInRow(rowRef, file?.status)
  if (!file) return null
  const progress = fileProgress(file)
  const showRate = file.status === 'uploading' && file.speed > 0
  const props = {
    ref: setRef,
    tabIndex: -1,
    className: resolveClassName(className, file),
    'data-uplink-file': '',
    'data-uplink-file-id': file.id,
    'data-status': file.status,
    'data-image': flag(file.type.startsWith('image/')),
    role: 'group',
    'aria-label': `${file.name}, ${messages.status[file.status]}`,
    children: children ? (
      children(file)
    ) : (
      <>
        {thumbnail ? <Thumbnail id={file.id} /> : null}
        <span data-uplink-file-name="" title={file.relativePath ?? file.name}>
          {file.relativePath ?? file.name}
        </span>
        <span data-uplink-file-meta="">
          <span data-uplink-file-size="">{formatBytes(file.size, locale)}</span>
          <span data-uplink-file-status="">{messages.status[file.status]}</span>
          {showRate ? <span data-uplink-file-speed="">{messages.speed(formatSpeed(file.speed, locale))}</span> : null}
          {showRate && file.etaSeconds !== undefined ? (
            <span data-uplink-file-eta="">{messages.timeLeft(formatDuration(file.etaSeconds, locale))}</span>
          ) : null}
        </span>
        <ProgressBar
          value={progress}
          label={messages.fileProgressLabel(file.name)}
          valueText={`${formatBytes(file.bytesSent, locale)} / ${formatBytes(file.size, locale)}`}
        />
        {file.status === 'error' && file.error ? <span data-uplink-file-error="">{errorText(messages, file.error)}</span> : null}
        <span data-uplink-file-controls="">
          <FileActionButton action="pause" id={file.id} />
          <FileActionButton action="resume" id={file.id} />
          <FileActionButton action="retry" id={file.id} />
          <FileActionButton action="cancel" id={file.id} />
          <FileActionButton action="remove" id={file.id} />
        </span>
      </>
    ),
  }
  if (render) return render(props, file)
  return <div {...props} ref={setRef} />
})
