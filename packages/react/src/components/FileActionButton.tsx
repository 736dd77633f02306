import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react'
import { useMessages, useUploader } from '../context'
import { afterCommit, planFocus } from '../dom/focus'
import { type FileAction, availableActions } from '../hooks/use-file-actions'
import { useFile, useUploaderStateShallow } from '../hooks/use-uploader-state'
import { type ClassNameProp, type RenderProp, resolveClassName } from '../render'

export interface FileActionState {
  action: FileAction
  /** The file acted on; undefined for the all-files form. */
  id: string | undefined
}

export interface FileActionButtonProps {
  action: FileAction
  /** The file to act on; leave out to act on every file ("Pause all"). */
  id?: string
  className?: ClassNameProp<FileActionState>
  /** Visible content; the accessible name always names the file ("Pause photo.jpg"). */
  children?: ReactNode
  /** Render even when the action does not apply, as a disabled button (default: render nothing). */
  keepMounted?: boolean
  render?: RenderProp<ButtonHTMLAttributes<HTMLButtonElement> & Record<`data-${string}`, string | undefined>, FileActionState>
}

// Icon-like glyphs for per-file buttons; the accessible name comes from aria-label.
const visibleText: Record<FileAction, string> = { pause: '❚❚', resume: '▶', cancel: '✕', retry: '↻', remove: '−' }

/** What the all-files form can do right now (counts of each status). */
function useAllActions(): Record<FileAction, boolean> {
  return useUploaderStateShallow((state) => {
    const can = { pause: false, resume: false, cancel: false, retry: false, remove: state.order.length > 0 }
    for (const id of state.order) {
      const each = availableActions(state.files[id]!.status)
      can.pause ||= each.pause
      can.resume ||= each.resume
      can.cancel ||= each.cancel
      can.retry ||= each.retry
    }
    return can
  })
}

/**
 * One control (pause, resume, cancel, retry, remove) for one file or for all. It shows only
 * when the action applies, and when pressing it makes it disappear, focus moves to the
 * control that replaces it (resume after pause) or to a neighbouring row (after remove).
 */
export function FileActionButton(props: FileActionButtonProps) {
  return props.id === undefined ? <AllFilesAction {...props} /> : <OneFileAction {...props} id={props.id} />
}

function OneFileAction(props: FileActionButtonProps & { id: string }) {
  const messages = useMessages()
  const file = useFile(props.id)
  const possible = file ? availableActions(file.status)[props.action] : false
  return <ActionButton {...props} possible={possible} label={messages[props.action](file?.name ?? '')} />
}

function AllFilesAction(props: FileActionButtonProps) {
  const messages = useMessages()
  const possible = useAllActions()[props.action]
  const labels = { pause: messages.pauseAll, resume: messages.resumeAll, cancel: messages.cancelAll, retry: messages.retryAll, remove: messages.removeAll }
  return <ActionButton {...props} possible={possible} label={labels[props.action]} />
}

function ActionButton({ action, id, className, children, keepMounted = false, render, possible, label }: FileActionButtonProps & { possible: boolean; label: string }) {
  const uploader = useUploader()
  if (!possible && !keepMounted) return null
  const state: FileActionState = { action, id }
  const props = {
    type: 'button' as const,
    'aria-label': label,
    title: label,
    disabled: !possible,
    className: resolveClassName(className, state),
    'data-uplink-control': id === undefined ? `${action}-all` : action,
    onClick: (event: MouseEvent<HTMLButtonElement>) => {
      const restore = planFocus(event.currentTarget, action)
      if (id === undefined) uploader[`${action}All`]()
      else uploader[action](id)
      afterCommit(restore)
    },
    children: children ?? (id === undefined ? label : <span aria-hidden="true">{visibleText[action]}</span>),
  }
  return render ? render(props, state) : <button {...props} />
}

type NamedActionProps = Omit<FileActionButtonProps, 'action'>
export const PauseButton = (props: NamedActionProps) => <FileActionButton action="pause" {...props} />
export const ResumeButton = (props: NamedActionProps) => <FileActionButton action="resume" {...props} />
export const CancelButton = (props: NamedActionProps) => <FileActionButton action="cancel" {...props} />
export const RetryButton = (props: NamedActionProps) => <FileActionButton action="retry" {...props} />
export const RemoveButton = (props: NamedActionProps) => <FileActionButton action="remove" {...props} />
