import { TotalProgress, UploaderProvider } from '@uplink/react'
import { createElement as h, version as reactVersion } from 'react'
import { renderToString, version as serverVersion } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { inMemoryUploader } from './app-uploader'

/**
 * Guards the react18-ssr project. This file's own imports find React 18 next to it; rendering the
 * library here proves the library (whose folder holds React 19) gets that same React 18.
 */
describe('the react18-ssr project renders on the server with React 18', () => {
  it('imports React 18 and the React 18 server renderer', () => {
    expect(typeof window).toBe('undefined')
    expect(reactVersion).toMatch(/^18\./)
    expect(serverVersion).toMatch(/^18\./)
  })

  it('server-renders the library components with that renderer (a second React fails their hooks)', () => {
    const uploader = inMemoryUploader({ autoStart: false })
    const html = renderToString(h(UploaderProvider, { uploader, locale: 'en', children: h(TotalProgress) }))
    expect(html).toContain('aria-label="Total upload progress"')
    uploader.dispose()
  })
})
