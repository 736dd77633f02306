import { formatBytes } from '@uplink/react'
import { useServerFiles } from '@uplink/react/query'
import { fetchStoreListing } from './emulator'

/** What the selected store holds, through TanStack Query; refetched as each upload lands. */
export function ServerFiles({ store }: { store: string }) {
  const { data, error, isPending, isFetching } = useServerFiles({
    queryKey: ['uplink', 'server-files', store],
    queryFn: ({ signal }) => fetchStoreListing(store, signal),
  })
  return (
    <section aria-labelledby="server-files-heading" data-testid="server-files" aria-busy={isFetching}>
      <h2 id="server-files-heading">Already on the server ({store})</h2>
      {isPending ? <p>Loading…</p> : null}
      {error ? <p role="alert">Could not list the store: {error.message}</p> : null}
      {data && data.length === 0 ? <p>Nothing yet.</p> : null}
      {data && data.length > 0 ? (
        <ul className="server-files">
          {data.slice(0, 50).map((object) => (
            <li key={object.key} data-testid="server-file">
              <span className="server-file-name">{object.key}</span> <span>{formatBytes(object.size)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
