import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { UploaderProvider } from '../context'
import { createStoryUploader, seedFiles } from '../components/story-uploader'
import { useServerFiles } from './use-server-files'
import { useResumableSessions } from './use-resumable-sessions'

afterEach(cleanup)

function Listing({ fetchFiles }: { fetchFiles: () => Promise<string[]> }) {
  const files = useServerFiles({ queryFn: fetchFiles })
  return <p data-testid="listing">{files.data?.join(',') ?? 'loading'}</p>
}

function Sessions({ fetchSessions }: { fetchSessions: () => Promise<number> }) {
  const sessions = useResumableSessions({ queryFn: fetchSessions })
  return <p data-testid="sessions">{sessions.data ?? 'loading'}</p>
}

describe('server state through TanStack Query', () => {
  it('refetches the server listing when a file reaches done, not on progress', async () => {
    const uploader = createStoryUploader({ autoStart: false })
    const [id] = seedFiles(uploader, [{ name: 'a.txt', size: 10, status: 'uploading' }])
    const onServer: string[] = []
    let fetches = 0
    let sessionFetches = 0
    const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
    render(
      <QueryClientProvider client={client}>
        <UploaderProvider uploader={uploader}>
          <Listing
            fetchFiles={async () => {
              fetches++
              return [...onServer]
            }}
          />
          <Sessions
            fetchSessions={async () => {
              sessionFetches++
              return sessionFetches
            }}
          />
        </UploaderProvider>
      </QueryClientProvider>,
    )
    await waitFor(() => expect(screen.getByTestId('listing').textContent).toBe(''))
    expect(fetches).toBe(1)

    const patch = (change: object) =>
      act(() => uploader.store.setState((s) => ({ files: { ...s.files, [id!]: { ...s.files[id!]!, ...change } } })))
    patch({ bytesSent: 5 })
    await new Promise((r) => setTimeout(r, 20))
    expect(fetches).toBe(1)

    onServer.push('a.txt')
    patch({ status: 'done', bytesSent: 10 })
    await waitFor(() => expect(screen.getByTestId('listing').textContent).toBe('a.txt'))
    expect(fetches).toBe(2)
    // Sessions change when a file finishes too (its session closed).
    await waitFor(() => expect(sessionFetches).toBe(2))
  })
})
