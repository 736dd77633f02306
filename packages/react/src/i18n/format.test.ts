import { describe, expect, it } from 'vitest'
import { formatBytes, formatDuration, formatPercent, formatSpeed, plural, wholePercent } from './format'

describe('formatting for people, per locale', () => {
  it('says bytes in words with the plural rules of the locale', () => {
    expect(formatBytes(0, 'en')).toBe('0 bytes')
    expect(formatBytes(1, 'en')).toBe('1 byte')
    expect(formatBytes(1_023, 'en')).toBe('1,023 bytes')
    expect(formatBytes(2, 'de-DE')).toBe('2 Byte')
  })

  it('scales to binary units by default: 1,024 bytes is 1 KiB, 5 × 1,024² is 5 MiB', () => {
    expect(formatBytes(1_024, 'en')).toBe('1 KiB')
    expect(formatBytes(1_536, 'en')).toBe('1.5 KiB')
    expect(formatBytes(5 * 1024 ** 2, 'en')).toBe('5 MiB')
    expect(formatBytes(734_003_200, 'en')).toBe('700 MiB')
    expect(formatBytes(5 * 1024 ** 4, 'en')).toBe('5 TiB')
    // Rounding never shows "1,024 KiB".
    expect(formatBytes(1024 * 1024 - 10, 'en')).toBe('1 MiB')
  })

  it('scales to decimal units when asked: 1,500 bytes is 1.5 kB', () => {
    expect(formatBytes(999, 'en', 'decimal')).toBe('999 bytes')
    expect(formatBytes(1_500, 'en', 'decimal')).toBe('1.5 kB')
    expect(formatBytes(5e12, 'en', 'decimal')).toBe('5 TB')
    expect(formatBytes(5 * 1024 ** 2, 'en', 'decimal')).toBe('5.2 MB')
  })

  it('uses the locale’s decimal separator', () => {
    expect(formatBytes(1.5 * 1024 ** 2, 'de-DE')).toBe('1,5 MiB')
    expect(formatBytes(1_500_000, 'de-DE', 'decimal')).toBe('1,5 MB')
  })

  it('formats speeds as units per second, in the same unit system', () => {
    expect(formatSpeed(2.5 * 1024 ** 2, 'en')).toBe('2.5 MiB/s')
    expect(formatSpeed(2_400_000, 'en', 'decimal')).toBe('2.4 MB/s')
    expect(formatSpeed(512, 'en')).toBe('512 bytes/s')
  })

  it('shows durations as their two largest units', () => {
    expect(formatDuration(0, 'en')).toBe('0 sec')
    expect(formatDuration(45, 'en')).toBe('45 sec')
    expect(formatDuration(178, 'en')).toBe('2 min, 58 sec')
    expect(formatDuration(3600 + 5 * 60 + 9, 'en')).toBe('1 hr, 5 min')
    expect(formatDuration(7200, 'en')).toBe('2 hr')
  })

  it('formats percentages in the locale’s style and never shows 100 % before the end', () => {
    expect(formatPercent(0.421, 'en')).toBe('42%')
    expect(formatPercent(0.996, 'en')).toBe('99%')
    expect(formatPercent(1, 'en')).toBe('100%')
    expect(formatPercent(1.5, 'en')).toBe('100%')
    expect(formatPercent(0.5, 'fr-FR')).toMatch(/^50\s%$/)
    expect(wholePercent(0.29)).toBe(29)
  })

  it('picks plural forms by Intl.PluralRules', () => {
    const files = { one: 'file', other: 'files' }
    expect(plural(0, files, 'en')).toBe('files')
    expect(plural(1, files, 'en')).toBe('file')
    expect(plural(2, files, 'en')).toBe('files')
    // Polish has a "few" form; a message without it falls back to "other".
    expect(plural(3, { one: 'plik', few: 'pliki', many: 'plików', other: 'pliku' }, 'pl')).toBe('pliki')
    expect(plural(5, { one: 'plik', few: 'pliki', many: 'plików', other: 'pliku' }, 'pl')).toBe('plików')
    expect(plural(3, { other: 'x' }, 'pl')).toBe('x')
  })

  it('keeps formatters apart per locale and options (they are reused between calls)', () => {
    expect(formatBytes(1_500_000, 'en', 'decimal')).toBe('1.5 MB')
    expect(formatBytes(1_500_000, 'de-DE', 'decimal')).toBe('1,5 MB')
    expect(formatBytes(1_500_000, 'en', 'decimal')).toBe('1.5 MB')
    expect(formatDuration(178, 'de-DE')).not.toBe(formatDuration(178, 'en'))
  })
})
