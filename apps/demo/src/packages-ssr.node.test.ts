import { describe, expect, it } from 'vitest'

// Every package and adapter entry must import and construct on a server (no window, no
// document, no Worker, no indexedDB), as in SSR or a Node script.
describe('importing the packages on the server', () => {
  it('has no browser globals to lean on', () => {
    expect(typeof window).toBe('undefined')
    expect(typeof Worker).toBe('undefined')
    expect(typeof indexedDB).toBe('undefined')
  })

  it('imports every entry point and builds an uploader without touching the browser', async () => {
    const core = await import('@uplink/core')
    const providers = await import('@uplink/providers')
    await Promise.all([
      import('@uplink/providers/s3'),
      import('@uplink/providers/tus'),
      import('@uplink/providers/blaxel'),
      import('@uplink/providers/cognite'),
      import('@uplink/providers/drime'),
      import('@uplink/providers/archetype'),
      import('@uplink/providers/gjirafa'),
      import('@uplink/react'),
      import('@uplink/react/query'),
    ])
    const uploader = core.createUploader({ provider: providers.createS3Provider({ signerUrl: 'http://127.0.0.1:1' }), autoStart: false })
    const { ids } = await uploader.addFiles([new File(['x'], 'x.txt')])
    expect(core.selectFiles(uploader.store.getState())[0]?.id).toBe(ids[0])
    expect(uploader.store.getState().online).toBe(true)
    uploader.dispose()
  })
})
