import { afterEach, describe, expect, it, vi } from 'vitest'
import { retainAnnouncer } from './live-announcer'

const region = (which: 'polite' | 'assertive') => document.querySelector<HTMLElement>(`[data-uplink-live-region="${which}"]`)
const texts = (which: 'polite' | 'assertive') => Array.from(region(which)?.children ?? []).map((node) => node.textContent)

afterEach(() => vi.useRealTimers())

describe('the shared live announcer', () => {
  it('is one pair of regions per document, however many widgets take a share, gone with the last', () => {
    const first = retainAnnouncer()
    const second = retainAnnouncer()
    expect(document.querySelectorAll('[data-uplink-live-announcer]')).toHaveLength(1)
    expect(region('polite')!.getAttribute('aria-live')).toBe('polite')
    expect(region('assertive')!.getAttribute('aria-live')).toBe('assertive')
    first.release()
    first.release() // twice is harmless
    expect(document.querySelectorAll('[data-uplink-live-announcer]')).toHaveLength(1)
    second.release()
    expect(document.querySelector('[data-uplink-live-announcer]')).toBeNull()
  })

  it('puts each message in its own element of the region asked for, never run together', () => {
    const { announcer, release } = retainAnnouncer()
    announcer.announce('a.txt uploaded')
    announcer.announce('b.txt uploaded')
    announcer.announce('c.txt failed: the server refused it', 'assertive')
    expect(texts('polite')).toEqual(['a.txt uploaded', 'b.txt uploaded'])
    expect(texts('assertive')).toEqual(['c.txt failed: the server refused it'])
    release()
  })

  it('clears each message once it has had time to be read', () => {
    vi.useFakeTimers()
    const { announcer, release } = retainAnnouncer()
    announcer.announce('first', 'polite', 1000)
    vi.advanceTimersByTime(500)
    announcer.announce('second', 'polite', 1000)
    vi.advanceTimersByTime(600)
    expect(texts('polite')).toEqual(['second'])
    vi.advanceTimersByTime(500)
    expect(texts('polite')).toEqual([])
    announcer.announce('kept', 'assertive')
    announcer.clear('polite')
    expect(texts('assertive')).toEqual(['kept'])
    announcer.clear()
    expect(texts('assertive')).toEqual([])
    release()
  })
})
