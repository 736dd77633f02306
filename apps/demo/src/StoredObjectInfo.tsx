import { useQuery } from '@tanstack/react-query'
import { fetchStoredObject } from './emulator'

/** The server-side view of a finished upload, fetched through TanStack Query. */
export function StoredObjectInfo({ store, objectKey }: { store: string; objectKey: string }) {
  const { data, error, isPending } = useQuery({
    queryKey: ['stored-object', store, objectKey],
    queryFn: () => fetchStoredObject(store, objectKey),
    // Some APIs finish registering a file a moment after completion (Cognite's uploaded flag).
    retry: 5,
    retryDelay: 400,
  })
  if (isPending) return <p>Checking the stored object…</p>
  if (error) return <p role="alert">Could not inspect the stored object: {error.message}</p>
  return (
    <dl className="stored">
      <dt>Stored as</dt>
      <dd data-testid="stored-key">{data.key}</dd>
      <dt>Size on server</dt>
      <dd data-testid="stored-size">{data.size}</dd>
      <dt>SHA-256 on server</dt>
      <dd data-testid="stored-sha256">{data.sha256}</dd>
    </dl>
  )
}
