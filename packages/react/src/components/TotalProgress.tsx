import type { UploadTotals } from '@uplink/core'
import type { HTMLAttributes } from 'react'
import { useLocale, useMessages } from '../context'
import { formatBytes, formatDuration, formatSpeed } from '../i18n/format'
import { useOnline, useTotals } from '../hooks/use-uploader-state'
import { type ClassNameProp, type RenderProp, flag, resolveClassName } from '../render'
import { ProgressBar } from './ProgressBar'

export interface TotalProgressProps {
  className?: ClassNameProp<UploadTotals>
  /** Replace the whole block (the totals come as state). */
  render?: RenderProp<HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | undefined>, UploadTotals>
}

/** Progress over all files: a bar, "3 of 10 files, 4 MB of 12 MB", speed and time left. */
export function TotalProgress({ className, render }: TotalProgressProps) {
  const totals = useTotals()
  const online = useOnline()
  const messages = useMessages()
  const locale = useLocale()
  const sent = formatBytes(totals.bytesSent, locale)
  const total = formatBytes(totals.bytesTotal, locale)
  const summary = messages.totalSummary({ done: totals.done, files: totals.files, sent, total })
  const props = {
    className: resolveClassName(className, totals),
    'data-uplink-total-progress': '',
    'data-active': flag(totals.active > 0),
    'data-paused': flag(totals.paused > 0 && totals.active === 0),
    'data-failed': flag(totals.failed > 0),
    'data-complete': flag(totals.files > 0 && totals.done === totals.files),
    'data-offline': flag(!online),
    children: (
      <>
        <ProgressBar value={totals.progress} label={messages.totalProgressLabel} valueText={summary} />
        <span data-uplink-total-summary="">{summary}</span>
        {totals.active > 0 && totals.speed > 0 ? (
          <span data-uplink-total-speed="">{messages.speed(formatSpeed(totals.speed, locale))}</span>
        ) : null}
        {totals.active > 0 && totals.etaSeconds !== undefined ? (
          <span data-uplink-total-eta="">{messages.timeLeft(formatDuration(totals.etaSeconds, locale))}</span>
        ) : null}
        {!online ? <span data-uplink-offline="">{messages.offline}</span> : null}
      </>
    ),
  }
  return render ? render(props, totals) : <div {...props} />
}
