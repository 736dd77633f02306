import { describe, expect, it } from 'vitest'
import { loadVirtualRows } from './FileList'
import { PlainRows } from './list-row'

describe('the virtualizer chunk of FileList', () => {
  it('falls back to rendering every row when the chunk cannot load', async () => {
    const loaded = await loadVirtualRows(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')))
    expect(loaded.default).toBe(PlainRows)
  })

  it('uses the virtualized rows when the chunk loads', async () => {
    const loaded = await loadVirtualRows()
    expect(loaded.default).not.toBe(PlainRows)
    expect(loaded.default.name).toBe('VirtualRows')
  })
})
