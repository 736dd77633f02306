import type { UploadFileState } from '@uplink/core'
import { formatBytes, useByteFormat, useRowTabIndex } from '@uplink/react'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { fetchStoredObject } from './emulator'
import type { DemoProvider } from './providers'

/**
 * What the server stored for one finished file: its key, size and SHA-256, computed by the
 * emulator from the stored bytes. Loaded when the person opens it, never for every file: a
 * thousand finished files cost no request until someone asks.
 */
export function StoredObject({ file, provider }: { file: UploadFileState; provider: DemoProvider }) {
  const [open, setOpen] = useState(false)
  const tabIndex = useRowTabIndex()
  const key = file.result ? provider.storedKey(file.result) : undefined
  return (
    <details className="stored" data-testid="stored-object" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary tabIndex={tabIndex}>
        Server copy<span className="visually-hidden"> of {file.name}</span>
      </summary>
      {open && key ? <StoredDetails store={provider.store} objectKey={key} file={file} /> : null}
    </details>
  )
}

function StoredDetails({ store, objectKey, file }: { store: string; objectKey: string; file: UploadFileState }) {
  const { locale, units } = useByteFormat()
  const { data, error, isPending } = useQuery({
    queryKey: ['stored-object', store, objectKey],
    queryFn: ({ signal }) => fetchStoredObject(store, objectKey, signal),
    // Some APIs finish registering a file a moment after completion (Cognite's uploaded flag).
    retry: 5,
    retryDelay: 400,
    staleTime: Infinity,
  })
  if (isPending) return <p className="stored-note">Asking the server…</p>
  if (error) return <p className="stored-note stored-error">The server could not show this file: {error.message}</p>
  const sizeMatches = data.size === file.size
  const shaMatches = file.sha256 === undefined ? undefined : file.sha256 === data.sha256
  return (
    <dl className="stored-facts">
      <dt>Stored as</dt>
      <dd data-testid="stored-key">{data.key}</dd>
      <dt>Size</dt>
      <dd>
        <span data-testid="stored-size">{data.size}</span> bytes ({formatBytes(data.size, locale, units)}){' '}
        <span className={sizeMatches ? 'match' : 'mismatch'}>{sizeMatches ? 'same as the file' : 'differs from the file'}</span>
      </dd>
      <dt>SHA-256</dt>
      <dd>
        <code data-testid="stored-sha256">{data.sha256}</code>
        {shaMatches !== undefined ? (
          <>
            {' '}
            <span className={shaMatches ? 'match' : 'mismatch'}>{shaMatches ? 'matches the browser’s' : 'differs from the browser’s'}</span>
          </>
        ) : null}
      </dd>
    </dl>
  )
}
