import { describe, expect, it } from 'vitest'
import { formatBytes, formatDuration, formatPercent, formatSpeed } from './format'

describe('formatting for people, per locale', () => {
  it('scales bytes to decimal units', () => {
    expect(formatBytes(0, 'en')).toBe('0 byte')
    expect(formatBytes(999, 'en')).toBe('999 byte')
    expect(formatBytes(1_500, 'en')).toBe('1.5 kB')
    expect(formatBytes(734_003_200, 'en')).toBe('734 MB')
    expect(formatBytes(5e12, 'en')).toBe('5 TB')
  })

  it('uses the locale’s decimal separator', () => {
    expect(formatBytes(1_500_000, 'de-DE')).toBe('1,5 MB')
  })

  it('formats speeds as units per second', () => {
    expect(formatSpeed(2_400_000, 'en')).toBe('2.4 MB/s')
    expect(formatSpeed(512, 'en')).toBe('512 byte/s')
  })

  it('shows durations as their two largest units', () => {
    expect(formatDuration(0, 'en')).toBe('0 sec')
    expect(formatDuration(45, 'en')).toBe('45 sec')
    expect(formatDuration(178, 'en')).toBe('2 min, 58 sec')
    expect(formatDuration(3600 + 5 * 60 + 9, 'en')).toBe('1 hr, 5 min')
    expect(formatDuration(7200, 'en')).toBe('2 hr')
  })

  it('formats percentages in the locale’s style', () => {
    expect(formatPercent(0.421, 'en')).toBe('42%')
    expect(formatPercent(1.5, 'en')).toBe('100%')
    expect(formatPercent(0.5, 'fr-FR')).toMatch(/^50\s%$/)
  })

  it('keeps formatters apart per locale and options (they are reused between calls)', () => {
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB')
    expect(formatBytes(1_500_000, 'de-DE')).toBe('1,5 MB')
    expect(formatBytes(1_500_000, 'en')).toBe('1.5 MB')
    expect(formatSpeed(1_500_000, 'en')).toBe('1.5 MB/s')
    expect(formatBytes(1_500, 'en')).toBe('1.5 kB')
    expect(formatDuration(178, 'de-DE')).not.toBe(formatDuration(178, 'en'))
  })
})
