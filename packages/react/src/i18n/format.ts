/**
 * Sizes, speeds, durations and percentages for people, formatted by Intl in the given locale
 * (undefined = the browser's).
 *
 * One unit system at a time, chosen once per provider (`<UploaderProvider units>`):
 * - 'binary' (the default): powers of 1024 with IEC symbols, "1 KiB" for 1,024 bytes,
 *   "5 MiB" for 5 × 1,024² — what file sizes on disk and part sizes are made of;
 * - 'decimal': powers of 1000 with SI symbols as Intl names them, "1 kB", "5.2 MB".
 * Below one kilo-unit both say bytes in words, with the locale's plural rules: "0 bytes",
 * "1 byte", "1,023 bytes" (Intl's long unit display applies the plural rules of the locale).
 */
export type ByteUnits = 'binary' | 'decimal'

// Building an Intl formatter costs tens of microseconds; a list of 10,000 files formats sizes
// on every render. Formatters are kept per locale and options (a handful in practice).
const numberFormats = new Map<string, Intl.NumberFormat>()
const listFormats = new Map<string, Intl.ListFormat>()
const pluralRules = new Map<string, Intl.PluralRules>()

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

/** The locale's plural category for a count ("one", "few", "other", ...), from Intl.PluralRules. */
export function pluralCategory(count: number, locale?: string): Intl.LDMLPluralRule {
  const key = locale ?? ''
  let rules = pluralRules.get(key)
  if (!rules) pluralRules.set(key, (rules = new Intl.PluralRules(locale)))
  return rules.select(count)
}

/**
 * Pick the form for a count by the locale's plural rules; `other` is the fallback every
 * language has. `plural(2, { one: 'file', other: 'files' }, 'en')` is "files".
 */
export function plural(count: number, forms: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string }, locale?: string): string {
  return forms[pluralCategory(count, locale)] ?? forms.other
}

const binarySymbols = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'] as const
const decimalUnits = ['kilobyte', 'megabyte', 'gigabyte', 'terabyte', 'petabyte'] as const

/** The scaled value and the index of its unit (-1 = plain bytes). */
function scale(bytes: number, base: number): { value: number; index: number } {
  let value = Math.max(0, bytes)
  let index = -1
  // Step up on the rounded value, so 1,023.96 KiB shows as "1 MiB" and never "1,024 KiB".
  while (Math.round(value * 10) / 10 >= base && index < binarySymbols.length - 1) {
    value /= base
    index++
  }
  return { value, index }
}

const fractionDigits = (value: number) => (value < 100 ? 1 : 0)

export function formatBytes(bytes: number, locale?: string, units: ByteUnits = 'binary'): string {
  const { value, index } = scale(bytes, units === 'binary' ? 1024 : 1000)
  if (index === -1) {
    return numberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long', maximumFractionDigits: 0 }).format(value)
  }
  if (units === 'decimal') {
    return numberFormat(locale, { style: 'unit', unit: decimalUnits[index]!, unitDisplay: 'short', maximumFractionDigits: fractionDigits(value) }).format(value)
  }
  // Intl has no binary units; the IEC symbols are the same in every language.
  return `${numberFormat(locale, { style: 'decimal', maximumFractionDigits: fractionDigits(value) }).format(value)} ${binarySymbols[index]}`
}

/** Bytes per second in the same units, e.g. "1.2 MiB/s". */
export function formatSpeed(bytesPerSecond: number, locale?: string, units: ByteUnits = 'binary'): string {
  return `${formatBytes(bytesPerSecond, locale, units)}/s`
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
  const formatted = shown.map(([value, unit]) => numberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value))
  return listFormat(locale).format(formatted)
}

/**
 * 0..1 as a whole percentage in the locale's style, e.g. "42 %" in French. Never rounds up to
 * 100 % before the end: 99.6 % shows as 99 %, so "100 %" always means everything is there.
 */
export function formatPercent(fraction: number, locale?: string): string {
  return numberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(wholePercent(fraction) / 100)
}

/** The whole percentage shown for a fraction (floored, clamped to 0..100). */
// (The epsilon keeps float noise such as 0.29 * 100 = 28.999… from losing a whole percent.)
export const wholePercent = (fraction: number): number => Math.floor(Math.min(1, Math.max(0, fraction)) * 100 + 1e-9)
