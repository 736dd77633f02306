import { allowedActions } from '@uplink/core'
import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react'
import { useIcons, useMessages, useUploader } from '../context'
import { VisuallyHidden } from '../a11y/visually-hidden'
import { afterCommit, planFocus } from '../dom/focus'
import type { FileAction } from '../hooks/use-file-actions'
import { useFile } from '../hooks/use-uploader-state'
import { Icon } from '../icons/icons'
import { type ClassNameProp, type RenderProp, flag, resolveClassName } from '../render'
import { useRowTabIndex } from './row-focus'

export interface FileActionState {
  action: FileAction
  id: string
  /** Cancel and remove: they throw work away. */
  destructive: boolean
}

export interface FileActionButtonProps {
  action: FileAction
  /** The file to act on. */
  id: string
  className?: ClassNameProp<FileActionState>
  /**
   * Visible text (default: the action's message, "Cancel"). The accessible name is this text
   * followed by the file's name, hidden from sight ("Cancel photo.jpg"), so it always begins
   * with what is shown.
   */
  children?: ReactNode
  /** The icon before the text (default: the provider's icon for the action); null for text only. */
  icon?: ReactNode
  /** Render even when the action does not apply, as a disabled button (default: render nothing). */
  keepMounted?: boolean
  render?: RenderProp<ButtonHTMLAttributes<HTMLButtonElement> & Record<`data-${string}`, string | undefined>, FileActionState>
}

const destructive = (action: FileAction) => action === 'cancel' || action === 'remove'

/**
 * One control (start, pause, resume, cancel, retry, remove) for one file: icon and visible
 * text. It shows only when core's allowedActions says the action applies to the file's state,
 * so a file offers Cancel while it uploads and Remove once it has ended, never both. When
 * pressing it makes it disappear, focus moves to the control that replaces it (resume after
 * pause) or to a neighbouring row (after remove).
 */
export function FileActionButton({ action, id, className, children, icon, keepMounted = false, render }: FileActionButtonProps) {
  const uploader = useUploader()
  const messages = useMessages()
  const icons = useIcons()
  const tabIndex = useRowTabIndex()
  const file = useFile(id)
  const possible = file ? allowedActions(file.status)[action] : false
  if (!possible && !keepMounted) return null
  const state: FileActionState = { action, id, destructive: destructive(action) }
  const label = children ?? messages.actions[action]
  const props = {
    type: 'button' as const,
    tabIndex,
    disabled: !possible,
    className: resolveClassName(className, state),
    'data-uplink-control': action,
    'data-destructive': flag(state.destructive),
    onClick: (event: MouseEvent<HTMLButtonElement>) => {
      const restore = planFocus(event.currentTarget, action)
      uploader[action](id)
      afterCommit(restore)
    },
    // A text label names the button outright; any other content gets the file's name read
    // after it, hidden from sight. Either way the name begins with what is shown.
    ...(typeof label === 'string' && file ? { 'aria-label': `${label} ${messages.actionFile(file.name)}` } : {}),
    children: (
      <>
        <Icon>{icon === undefined ? icons[action] : icon}</Icon>
        <span data-uplink-control-label="">{label}</span>
        {typeof label !== 'string' && file ? <VisuallyHidden> {messages.actionFile(file.name)}</VisuallyHidden> : null}
      </>
    ),
  }
  return render ? render(props, state) : <button {...props} />
}

type NamedActionProps = Omit<FileActionButtonProps, 'action'>
export const StartButton = (props: NamedActionProps) => <FileActionButton action="start" {...props} />
export const PauseButton = (props: NamedActionProps) => <FileActionButton action="pause" {...props} />
export const ResumeButton = (props: NamedActionProps) => <FileActionButton action="resume" {...props} />
export const CancelButton = (props: NamedActionProps) => <FileActionButton action="cancel" {...props} />
export const RetryButton = (props: NamedActionProps) => <FileActionButton action="retry" {...props} />
export const RemoveButton = (props: NamedActionProps) => <FileActionButton action="remove" {...props} />
