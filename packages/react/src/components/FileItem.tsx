import { type UploadFileState, fileProgress } from '@uplink/core'
import { type HTMLAttributes, type ReactNode, Suspense, forwardRef, lazy, useCallback, useRef } from 'react'
import { useByteFormat, useMessages } from '../context'
import { useKeepFocusInRow } from '../dom/use-keep-focus-in-row'
import { useFile } from '../hooks/use-uploader-state'
import { formatBytes, formatDuration, formatPercent, formatSpeed } from '../i18n/format'
import type { UplinkMessages } from '../i18n/messages'
import { type ClassNameProp, type RenderProp, resolveClassName } from '../render'
import { FileActionButton } from './FileActionButton'
import { FileError } from './FileError'
import { ProgressBar } from './ProgressBar'
import { useRowTabIndex } from './row-focus'

export interface FileItemProps {
  id: string
  className?: ClassNameProp<UploadFileState>
  /** Show an image preview or the file kind's icon (default on). */
  thumbnail?: boolean
  /** Replace the row's content; it still gets the row element with its state attributes. */
  children?: (file: UploadFileState) => ReactNode
  /** More content at the end of the row (e.g. a link to the stored file once it is done). */
  extra?: (file: UploadFileState) => ReactNode
  /** Replace the row element itself. */
  render?: RenderProp<HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | undefined>, UploadFileState>
}

/** Where the thumbnail goes while its code loads, or for good if it cannot: the same box, empty. */
const thumbnailPlaceholder = <span data-uplink-thumbnail="" aria-hidden="true" />

/**
 * The thumbnail (the file kind's icon, or an image preview) is decoration, and a chunk of its own
 * loaded when the first row is drawn: a page with no file yet never downloads it. Until it is
 * here, and should it fail to load, the row shows an empty box of the same size.
 */
const LazyThumbnail = lazy(() =>
  import('../thumbnail/thumbnail-chunk').then(
    ({ Thumbnail }) => ({ default: Thumbnail }),
    () => ({ default: () => thumbnailPlaceholder }),
  ),
)

export function statusText(file: UploadFileState, messages: UplinkMessages): string {
  return file.status === 'paused' && file.pausedBy === 'offline' ? messages.pausedOffline : messages.status[file.status]
}

/**
 * One file: its kind or preview, name, status, percentage, bytes, speed and time left, a
 * readable error with its technical detail, and the controls its state allows (Pause / Resume
 * / Retry, and one destructive action: Cancel while it runs, Remove once it has ended). A failed
 * file shows what the server confirmed, not a full bar. The row is a labelled group, focusable
 * (roving tabindex inside a FileList).
 */
export const FileItem = forwardRef<HTMLElement, FileItemProps>(function FileItem({ id, className, thumbnail = true, children, extra, render }, ref) {
  const file = useFile(id)
  const messages = useMessages()
  const { locale, units } = useByteFormat()
  const tabIndex = useRowTabIndex()
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
  const bytes = (n: number) => formatBytes(n, locale, units)
  const percent = formatPercent(progress, locale)
  const sent = bytes(file.bytesSent)
  const total = bytes(file.size)
  const ended = file.status === 'done' || file.status === 'cancelled'
  // The engine's speed is 0 whenever nothing is being sent.
  const showRate = file.speed > 0
  const status = statusText(file, messages)
  const props = {
    ref: setRef,
    tabIndex,
    className: resolveClassName(className, file),
    'data-uplink-file': '',
    'data-uplink-file-id': file.id,
    'data-status': file.status,
    'data-paused-by': file.pausedBy,
    role: 'group',
    'aria-label': `${file.relativePath ?? file.name}, ${status}`,
    children: children ? (
      children(file)
    ) : (
      <>
        {thumbnail ? (
          <Suspense fallback={thumbnailPlaceholder}>
            <LazyThumbnail id={file.id} />
          </Suspense>
        ) : null}
        <span data-uplink-file-name="" title={file.relativePath ?? file.name}>
          {file.relativePath ?? file.name}
        </span>
        <ProgressBar value={progress} label={messages.fileProgressLabel(file.name)} valueText={messages.progressValue({ percent, sent, total })} />
        <span data-uplink-file-meta="">
          <span data-uplink-file-status="">{status}</span>{' '}
          {ended ? (
            <span data-uplink-file-size="">{total}</span>
          ) : (
            <>
              <span data-uplink-file-percent="">{percent}</span>{' '}
              <span data-uplink-file-bytes="">{messages.bytesOf({ sent, total })}</span>
            </>
          )}
          {showRate ? (
            <>
              {' '}
              <span data-uplink-file-speed="">{messages.speed(formatSpeed(file.speed, locale, units))}</span>
            </>
          ) : null}
          {showRate && file.etaSeconds !== undefined ? (
            <>
              {' '}
              <span data-uplink-file-eta="">{messages.timeLeft(formatDuration(file.etaSeconds, locale))}</span>
            </>
          ) : null}
        </span>
        {file.status === 'error' && file.error ? <FileError error={file.error} /> : null}
        <span data-uplink-file-controls="">
          <FileActionButton action="pause" id={file.id} />
          <FileActionButton action="resume" id={file.id} />
          <FileActionButton action="retry" id={file.id} />
          <FileActionButton action="cancel" id={file.id} />
          <FileActionButton action="remove" id={file.id} />
        </span>
        {extra ? <div data-uplink-file-extra="">{extra(file)}</div> : null}
      </>
    ),
  }
  if (render) return render(props, file)
  return <div {...props} ref={setRef} />
})
