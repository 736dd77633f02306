import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { FileList, TotalProgress, UploaderProvider } from '@uplink/react'
import { version as reactVersion, useState } from 'react'
import { version as reactDomVersion } from 'react-dom'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createStore, useStore } from 'zustand'
import { inMemoryUploader } from './app-uploader'

afterEach(cleanup)

/**
 * Guards the react18 project: its tests only prove anything if React 18 is what the tests, the
 * components, Testing Library and zustand all get. This file sits next to React 18, so its own
 * imports would find 18 anyway; what it checks is that the library, whose folder holds React 19,
 * gets the same React 18 here. Each check fails on React 19 or on a mix of the two.
 */
describe('the react18 project runs on React 18 only', () => {
  it('imports React 18 and React DOM 18', () => {
    expect(reactVersion).toMatch(/^18\./)
    expect(reactDomVersion).toMatch(/^18\./)
  })

  it('renders the library, imported as an app does, with this React 18 through an upload to done (a second React fails its hooks)', async () => {
    const uploader = inMemoryUploader()
    render(
      <UploaderProvider uploader={uploader} locale="en">
        <TotalProgress />
        <FileList />
      </UploaderProvider>,
    )
    const total = screen.getByRole('progressbar', { name: 'Total upload progress' })
    await act(() => uploader.addFiles([new File([new Uint8Array(1_200)], 'report.pdf', { type: 'application/pdf' })]))
    expect(await screen.findByText('report.pdf')).toBeTruthy()
    await waitFor(() => expect(total.getAttribute('aria-valuenow')).toBe('100'))
    uploader.dispose()
  })

  it('loaded no other react-dom: every renderer in this process says 18', () => {
    // record-renderers.setup.ts installed the hook before any module was imported; the library
    // (through @tanstack/react-virtual) and Testing Library each bring their react-dom.
    const hook = (globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: { renderers: { version: string; rendererPackageName: string }[] } })
      .__REACT_DEVTOOLS_GLOBAL_HOOK__
    const renderers = hook?.renderers.map((r) => `${r.rendererPackageName}@${r.version}`) ?? []
    expect(renderers.length).toBeGreaterThan(0)
    for (const renderer of renderers) expect(renderer).toMatch(/^react-dom@18\./)
  })

  it("renders through Testing Library with React 18's reconciler, and zustand's hook on the same React", () => {
    const store = createStore<{ count: number }>(() => ({ count: 1 }))
    const refCalls: string[] = []
    function Counter() {
      const count = useStore(store, (s) => s.count)
      const [local] = useState('local')
      return (
        <p
          ref={(el) => {
            refCalls.push(el ? 'attach' : 'null')
            // React 19 calls this cleanup on unmount instead of calling the ref with null; 18 ignores it.
            return () => {
              refCalls.push('cleanup')
            }
          }}
        >
          {`${local} ${count}`}
        </p>
      )
    }
    // React 18 also says so when a ref returns a function (19 takes it as the cleanup).
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    const view = render(<Counter />)
    expect(view.container.textContent).toBe('local 1')
    act(() => store.setState({ count: 2 }))
    expect(view.container.textContent).toBe('local 2')
    view.unmount()
    expect(refCalls.at(-1)).toBe('null')
    expect(refCalls).not.toContain('cleanup')
    expect(errors.mock.calls.map((call) => String(call[0]))).toContain(
      'Warning: Unexpected return value from a callback ref in %s. A callback ref should not return a function.',
    )
    errors.mockRestore()
  })
})
