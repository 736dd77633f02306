import { createElement as h, version as reactVersion } from 'react'
import { renderToString, version as serverVersion } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createStoryUploader } from '../../../packages/react/src/components/story-uploader'
import { Dropzone, UploaderProvider } from '../../../packages/react/src/index'

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
    const uploader = createStoryUploader({ autoStart: false })
    const html = renderToString(h(UploaderProvider, { uploader, locale: 'en', children: h(Dropzone) }))
    expect(html).toContain('>Choose files</button>')
    uploader.dispose()
  })
})
