import type { CSSProperties, HTMLAttributes, ReactNode } from 'react'
import { useLocale } from '../context'
import { formatPercent, wholePercent } from '../i18n/format'
import { type ClassNameProp, type RenderProp, flag, resolveClassName } from '../render'

export interface ProgressBarState {
  /** 0..1 */
  value: number
  percent: number
  /** No value known yet (e.g. a queued file). */
  indeterminate: boolean
}

export interface ProgressBarProps {
  /** 0..1; undefined shows an indeterminate bar. */
  value: number | undefined
  label: string
  /** Read out instead of the bare percentage, e.g. "42%, 3 MiB of 8 MiB". */
  valueText?: string
  className?: ClassNameProp<ProgressBarState>
  render?: RenderProp<HTMLAttributes<HTMLElement> & Record<string, unknown>, ProgressBarState>
  children?: ReactNode
}

/**
 * role="progressbar" with its value, bounds and a readable value text for assistive technology.
 * The fill is left to CSS: the element carries `--uplink-progress` (0..1) and `data-value`.
 */
export function ProgressBar({ value, label, valueText, className, render, children }: ProgressBarProps) {
  const locale = useLocale()
  const indeterminate = value === undefined
  const fraction = Math.min(1, Math.max(0, value ?? 0))
  // Floored: "100 %" only when everything is there (a failed file never reads as complete).
  const percent = wholePercent(fraction)
  const state: ProgressBarState = { value: fraction, percent, indeterminate }
  const props = {
    role: 'progressbar',
    'aria-label': label,
    'aria-valuemin': 0,
    'aria-valuemax': 100,
    ...(indeterminate ? {} : { 'aria-valuenow': percent, 'aria-valuetext': valueText ?? formatPercent(fraction, locale) }),
    className: resolveClassName(className, state),
    'data-uplink-progress': '',
    'data-value': indeterminate ? undefined : percent,
    'data-indeterminate': flag(indeterminate),
    'data-complete': flag(fraction >= 1),
    style: { '--uplink-progress': fraction } as CSSProperties,
    children: children ?? <div data-uplink-progress-indicator="" />,
  }
  return render ? render(props, state) : <div {...props} />
}
