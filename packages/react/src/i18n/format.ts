/**
 * Sizes, speeds and durations for people, formatted by Intl in the given locale
 * (undefined = the browser's). Decimal units, as Intl names them.
 */
// Building an Intl formatter costs tens of microseconds; a list of 10,000 files formats sizes
// on every render. Formatters are kept per locale and options (a handful in practice).
const numberFormats = new Map<string, Intl.NumberFormat>()
const listFormats = new Map<string, Intl.ListFormat>()

function numberFormat(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${options.style}|${options.unit ?? ''}|${options.unitDisplay ?? ''}|${options.maximumFractionDigits ?? ''}`
  let format = numberFormats.get(key)
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(locale, options)))
  return format
}

function listFormat(locale: string | undefined): Intl.ListFormat {
  const key = locale ?? ''
  let format = listFormats.get(key)
  if (!format) listFormats.set(key, (format = new Intl.ListFormat(locale, { style: 'short', type: 'unit' })))
  return format
}

const byteUnits = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const

function scaled(bytes: number): { value: number; unit: (typeof byteUnits)[number] } {
  let value = Math.max(0, bytes)
  let index = 0
  while (value >= 1000 && index < byteUnits.length - 1) {
    value /= 1000
    index++
  }
  return { value, unit: byteUnits[index]! }
}

export function formatBytes(bytes: number, locale?: string): string {
  const { value, unit } = scaled(bytes)
  return numberFormat(locale, {
    style: 'unit',
    unit,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' ? 0 : 1,
  }).format(value)
}

/** Bytes per second, e.g. "1.2 MB/s". */
export function formatSpeed(bytesPerSecond: number, locale?: string): string {
  const { value, unit } = scaled(bytesPerSecond)
  return numberFormat(locale, {
    style: 'unit',
    unit: `${unit}-per-second`,
    unitDisplay: 'short',
    maximumFractionDigits: unit === 'byte' ? 0 : 1,
  }).format(value)
}

/** A duration as its two largest units, e.g. "1 hr, 5 min" or "45 sec". */
export function formatDuration(seconds: number, locale?: string): string {
  const total = Math.max(0, Math.round(seconds))
  const parts: Array<[number, 'hour' | 'minute' | 'second']> = [
    [Math.floor(total / 3600), 'hour'],
    [Math.floor((total % 3600) / 60), 'minute'],
    [total % 60, 'second'],
  ]
  const first = parts.findIndex(([value]) => value > 0)
  const shown = first === -1 ? [parts[2]!] : parts.slice(first, first + 2).filter(([value], i) => i === 0 || value > 0)
  const units = shown.map(([value, unit]) => numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value))
  return listFormat(locale).format(units)
}

/** 0..1 as a whole percentage in the locale's style, e.g. "42 %" in French. */
export function formatPercent(fraction: number, locale?: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(Math.min(1, Math.max(0, fraction)))
}
