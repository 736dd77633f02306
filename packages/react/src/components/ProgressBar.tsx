export interface ProgressBarProps {
  /** 0..1 */
  value: number
  label: string
  className?: string
}

/** A native progress element: assistive technology reads its value without extra ARIA. */
export function ProgressBar({ value, label, className }: ProgressBarProps) {
  const percent = Math.round(Math.min(1, Math.max(0, value)) * 100)
  return (
    <progress className={className} data-uplink-progress="" max={100} value={percent} aria-label={label}>
      {percent}%
    </progress>
  )
}
