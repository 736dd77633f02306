import { type UploadTotals, type Uploader, selectTotals } from '@uplink/core'
import type { ButtonHTMLAttributes, MouseEvent, ReactNode } from 'react'
import { useIcons, useMessages, useUploader } from '../context'
import { afterCommit, focusLost } from '../dom/focus'
import { useUploaderState } from '../hooks/use-uploader-state'
import type { BulkActionName } from '../i18n/messages'
import { Icon, type UplinkIcons } from '../icons/icons'
import { type ClassNameProp, type RenderProp, flag, resolveClassName } from '../render'

export type BulkAction = BulkActionName

export interface BulkActionState {
  action: BulkAction
  destructive: boolean
}

/** When each bulk action has something to act on: read from core's totals (kept incrementally, never a walk over the files). */
export const bulkActionApplies: Record<BulkAction, (totals: UploadTotals) => boolean> = {
  pauseAll: (t) => t.active + t.queued > 0,
  resumeAll: (t) => t.paused > 0,
  cancelAll: (t) => t.active + t.queued + t.paused > 0,
  retryAll: (t) => t.failed > 0,
  clearFinished: (t) => t.done > 0,
}

/** Core's explicit bulk actions. */
const run: Record<BulkAction, (uploader: Uploader) => void> = {
  pauseAll: (u) => u.pauseAll(),
  resumeAll: (u) => u.resumeAll(),
  cancelAll: (u) => u.cancelAll(),
  retryAll: (u) => u.retryAll(),
  clearFinished: (u) => u.removeAll((file) => file.status === 'done'),
}

const iconOf: Record<BulkAction, Exclude<keyof UplinkIcons, 'fileKinds'>> = {
  pauseAll: 'pause',
  resumeAll: 'resume',
  cancelAll: 'cancel',
  retryAll: 'retry',
  clearFinished: 'remove',
}

export interface BulkActionButtonProps {
  action: BulkAction
  className?: ClassNameProp<BulkActionState>
  /** Visible text, which is also the accessible name (default: the action's message). */
  children?: ReactNode
  /** null for a text-only button. */
  icon?: ReactNode
  /** Render even when there is nothing to act on, as a disabled button (default: render nothing). */
  keepMounted?: boolean
  render?: RenderProp<ButtonHTMLAttributes<HTMLButtonElement> & Record<`data-${string}`, string | undefined>, BulkActionState>
}

/** One action on every file it applies to: pause all, resume all, cancel all, retry failed, clear finished. */
export function BulkActionButton({ action, className, children, icon, keepMounted = false, render }: BulkActionButtonProps) {
  const uploader = useUploader()
  const messages = useMessages()
  const icons = useIcons()
  // Only whether it applies: the totals change with every byte sent, this only now and then,
  // so a page with a thousand files finishing does not re-render the buttons for each.
  const possible = useUploaderState((state) => bulkActionApplies[action](selectTotals(state)))
  if (!possible && !keepMounted) return null
  const state: BulkActionState = { action, destructive: action === 'cancelAll' }
  const props = {
    type: 'button' as const,
    disabled: !possible,
    className: resolveClassName(className, state),
    'data-uplink-control': action,
    'data-destructive': flag(state.destructive),
    onClick: (event: MouseEvent<HTMLButtonElement>) => {
      const group = event.currentTarget.closest<HTMLElement>('[data-uplink-bulk-actions]')
      run[action](uploader)
      // The pressed button may go (nothing left to pause): keep focus among the others.
      afterCommit(() => {
        if (!focusLost()) return
        const next = group?.querySelector<HTMLElement>('button:not([disabled])') ?? document.querySelector<HTMLElement>('[data-uplink-focus-fallback]')
        next?.focus()
      })
    },
    children: (
      <>
        <Icon>{icon === undefined ? icons[iconOf[action]] : icon}</Icon>
        {children ?? messages.bulkActions[action]}
      </>
    ),
  }
  return render ? render(props, state) : <button {...props} />
}

export interface BulkActionsProps {
  className?: string
  /** Which actions, in order (default: all five). */
  actions?: readonly BulkAction[]
}

const allBulkActions: readonly BulkAction[] = ['pauseAll', 'resumeAll', 'retryAll', 'clearFinished', 'cancelAll']

/** The actions on all files as a labelled group; only those that apply right now are shown. */
export function BulkActions({ className, actions = allBulkActions }: BulkActionsProps) {
  const messages = useMessages()
  const any = useUploaderState((state) => actions.some((action) => bulkActionApplies[action](selectTotals(state))))
  return (
    <div role="group" aria-label={messages.bulkActionsLabel} className={className} data-uplink-bulk-actions="" data-empty={flag(!any)}>
      {actions.map((action) => (
        <BulkActionButton key={action} action={action} />
      ))}
    </div>
  )
}
