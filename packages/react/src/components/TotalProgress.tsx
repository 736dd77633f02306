import type { UploadTotals } from '@uplink/core'
import type { HTMLAttributes } from 'react'
import { useByteFormat, useMessages } from '../context'
import { useOnline, useTotals } from '../hooks/use-uploader-state'
import { formatBytes, formatDuration, formatPercent, formatSpeed } from '../i18n/format'
import { type ClassNameProp, type RenderProp, flag, resolveClassName } from '../render'
import { ProgressBar } from './ProgressBar'

export interface TotalProgressProps {
  className?: ClassNameProp<UploadTotals>
  /** Replace the whole block (the totals come as state). */
  render?: RenderProp<HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | undefined>, UploadTotals>
}

/**
 * Progress over all files, from core's totals (kept as files change, never recounted): a bar,
 * then the percentage, "3 of 10 files uploaded", how many failed (and were cancelled), bytes,
 * speed and time left. A failed file counts what the server confirmed, so the bar never reads
 * full while something failed. With no files it is empty (data-empty) rather than "0 of 0".
 */
export function TotalProgress({ className, render }: TotalProgressProps) {
  const totals = useTotals()
  const online = useOnline()
  const messages = useMessages()
  const { locale, units } = useByteFormat()
  const empty = totals.files === 0 && totals.cancelled === 0
  const percent = formatPercent(totals.progress, locale)
  const sent = formatBytes(totals.bytesSent, locale, units)
  const total = formatBytes(totals.bytesTotal, locale, units)
  const moving = totals.active > 0 && totals.speed > 0
  // Parts are separate elements with real spaces between them: read aloud (and copied) as
  // separate phrases, never run together.
  const parts = [
    <span key="percent" data-uplink-total-percent="">
      {percent}
    </span>,
    <span key="files" data-uplink-total-files="">
      {messages.totalFiles({ done: totals.done, files: totals.files })}
    </span>,
    totals.failed > 0 ? (
      <span key="failed" data-uplink-total-failed="">
        {messages.totalFailed(totals.failed)}
      </span>
    ) : null,
    totals.cancelled > 0 ? (
      <span key="cancelled" data-uplink-total-cancelled="">
        {messages.totalCancelled(totals.cancelled)}
      </span>
    ) : null,
    <span key="bytes" data-uplink-total-bytes="">
      {messages.bytesOf({ sent, total })}
    </span>,
    moving ? (
      <span key="speed" data-uplink-total-speed="">
        {messages.speed(formatSpeed(totals.speed, locale, units))}
      </span>
    ) : null,
    moving && totals.etaSeconds !== undefined ? (
      <span key="eta" data-uplink-total-eta="">
        {messages.timeLeft(formatDuration(totals.etaSeconds, locale))}
      </span>
    ) : null,
    !online ? (
      <span key="offline" data-uplink-offline="">
        {messages.offline}
      </span>
    ) : null,
  ].filter((part) => part !== null)

  const props = {
    className: resolveClassName(className, totals),
    'data-uplink-total-progress': '',
    'data-empty': flag(empty),
    'data-active': flag(totals.active > 0),
    'data-paused': flag(totals.paused > 0 && totals.active === 0),
    'data-failed': flag(totals.failed > 0),
    'data-complete': flag(totals.files > 0 && totals.done === totals.files),
    'data-offline': flag(!online),
    children: empty ? null : (
      <>
        <ProgressBar value={totals.progress} label={messages.totalProgressLabel} valueText={messages.progressValue({ percent, sent, total })} />
        <p data-uplink-total-summary="">{parts.flatMap((part, index) => (index === 0 ? [part] : [' ', part]))}</p>
      </>
    ),
  }
  return render ? render(props, totals) : <div {...props} />
}
