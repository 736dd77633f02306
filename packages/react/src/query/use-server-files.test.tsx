import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { UploaderProvider } from '../context'
import { createStoryUploader } from '../components/story-uploader'
import { useServerFiles } from './use-server-files'
import { useResumableSessions } from './use-resumable-sessions'

afterEach(cleanup)

function Listing({ fetchFiles, refetchThrottleMs }: { fetchFiles: () => Promise<string[]>; refetchThrottleMs?: number }) {
  const files = useServerFiles({ queryFn: fetchFiles, ...(refetchThrottleMs === undefined ? {} : { refetchThrottleMs }) })
  return <p data-testid="listing">{files.data?.join(',') ?? 'loading'}</p>
}

function Sessions({ fetchSessions }: { fetchSessions: () => Promise<number> }) {
  const sessions = useResumableSessions({ queryFn: fetchSessions })
  return <p data-testid="sessions">{sessions.data ?? 'loading'}</p>
}

const file = (name: string, size = 10) => new File([new Uint8Array(size)], name, { type: 'text/plain' })

function setup(options: Parameters<typeof createStoryUploader>[0], refetchThrottleMs?: number) {
  const uploader = createStoryUploader(options)
  const onServer: string[] = []
  const counts = { files: 0, sessions: 0 }
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } })
  render(
    <QueryClientProvider client={client}>
      <UploaderProvider uploader={uploader}>
        <Listing
          refetchThrottleMs={refetchThrottleMs}
          fetchFiles={async () => {
            counts.files++
            return [...onServer]
          }}
        />
        <Sessions
          fetchSessions={async () => {
            counts.sessions++
            return counts.sessions
          }}
        />
      </UploaderProvider>
    </QueryClientProvider>,
  )
  return { uploader, onServer, counts }
}

describe('server state through TanStack Query', () => {
  it('refetches the server listing when a file reaches done (from the uploader’s events), not on progress', async () => {
    const { uploader, onServer, counts } = setup({ bytesPerSecond: 64 * 1024 })
    await waitFor(() => expect(screen.getByTestId('listing').textContent).toBe(''))
    expect(counts.files).toBe(1)
    onServer.push('a.txt')
    await uploader.addFiles([file('a.txt', 200_000)])
    // Progress for a while: no refetch.
    await waitFor(() => expect(uploader.store.getState().totals.bytesSent).toBeGreaterThan(0))
    expect(counts.files).toBe(1)
    await uploader.whenIdle()
    await waitFor(() => expect(screen.getByTestId('listing').textContent).toBe('a.txt'))
    expect(counts.files).toBe(2)
    // Sessions change when a file finishes too (its session closed).
    await waitFor(() => expect(counts.sessions).toBe(2))
    uploader.dispose()
  })

  it('refetches a few times, not once per file, when many files finish together', async () => {
    const { uploader, counts } = setup({ bytesPerSecond: 1e9 })
    await waitFor(() => expect(counts.files).toBe(1))
    await uploader.addFiles(Array.from({ length: 40 }, (_, i) => file(`f-${i}.txt`)))
    await uploader.whenIdle()
    await waitFor(() => expect(counts.files).toBeGreaterThan(1))
    await new Promise((resolve) => setTimeout(resolve, 1200))
    expect(counts.files).toBeLessThanOrEqual(4)
    uploader.dispose()
  })

  it('refetches once when the first file lands and once when all are done, under a long refetchThrottleMs', async () => {
    // Files finishing over a few seconds: the default (1 s) would refetch between them too.
    const { uploader, counts } = setup({ bytesPerSecond: 256 * 1024 }, 60_000)
    await waitFor(() => expect(counts.files).toBe(1))
    await uploader.addFiles([file('small.txt', 50_000), file('medium.txt', 300_000), file('large.txt', 600_000)])
    await uploader.whenIdle()
    // The end of the uploads refetches at once, not 60 s later.
    await waitFor(() => expect(counts.files).toBe(3))
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(counts.files).toBe(3)
    uploader.dispose()
  })
})
