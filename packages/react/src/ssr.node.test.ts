import { createElement as h } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { createStoryUploader, seedFiles } from './components/story-uploader'
import { Dropzone, FileList, TotalProgress, UploadButton, UploaderProvider } from './index'

/** Server rendering: no window, no document, no worker; the markup still says what is there. */
describe('server rendering', () => {
  it('renders the widget to a string without a browser', () => {
    expect(typeof window).toBe('undefined')
    const uploader = createStoryUploader({ autoStart: false })
    seedFiles(uploader, [
      { name: 'report.pdf', size: 1_200_000, status: 'done' },
      { name: 'video.mp4', size: 8_000_000, status: 'uploading', progress: 0.25 },
    ])
    const html = renderToString(
      h(UploaderProvider, {
        uploader,
        locale: 'en',
        children: [h(Dropzone, { key: 'z' }), h(UploadButton, { key: 'b' }), h(TotalProgress, { key: 't' }), h(FileList, { key: 'l' })],
      }),
    )
    // zustand serves the store's initial state to the server render (and to hydration), so
    // the server shows the empty widget whatever the client later adds.
    expect(html).toContain('data-uplink-dropzone')
    // The pointer is unknown on a server: the mouse wording, which hydration keeps before it looks.
    expect(html).toContain('Drop files here or paste them')
    expect(html).toContain('data-pointer="fine"')
    expect(html).toContain('>Choose files</button>')
    // No live region in server HTML: the page's one announcer is made in the browser.
    expect(html).not.toContain('aria-live')
    expect(html).toMatch(/data-uplink-total-progress="" data-empty=""/)
    expect(html).toContain('No files yet')
    expect(html).not.toContain('report.pdf')
    uploader.dispose()
  })
})
