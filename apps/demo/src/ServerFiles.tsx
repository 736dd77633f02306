import { formatBytes, useByteFormat } from '@uplink/react'
import { useServerFiles } from '@uplink/react/query'
import { fetchStoreListing } from './emulator'
import type { DemoProvider } from './providers'

const SHOWN = 50
/**
 * At most one listing per 30 s while files keep finishing, and one when they are all done.
 * Listing the store means reading every object the server holds (most of a second of the
 * emulator's time at 1,000 objects): once a second it cost the emulator more than the uploads
 * themselves (bench case 2b, 1,000 files of 1 KiB: 66 s with the listing once a second, 17.5 s
 * without it, against 16 s for the engine alone). The emulator's listing of S3 now reads
 * s3rver's folder (apps/emulator/src/s3-listing.ts): s3rver's own failed with a 500 whenever an
 * object was half written, and each failure was retried (5 listings in a run instead of 2).
 */
const REFETCH_THROTTLE_MS = 30_000

/**
 * What the selected store holds: one listing request through TanStack Query, refetched as
 * uploads land (throttled while many finish), the newest first.
 */
export function ServerFiles({ provider }: { provider: DemoProvider }) {
  const { locale, units } = useByteFormat()
  const { data, error, isPending, isFetching } = useServerFiles({
    queryKey: ['uplink', 'server-files', provider.store],
    queryFn: ({ signal }) => fetchStoreListing(provider.store, signal),
    refetchThrottleMs: REFETCH_THROTTLE_MS,
  })
  return (
    <section className="card" aria-labelledby="server-files-heading" data-testid="server-files" aria-busy={isFetching}>
      <h2 id="server-files-heading">Already on the server</h2>
      <p className="card-note">
        The {provider.label} store of the local emulator{data ? `: ${data.length.toLocaleString(locale)} ${data.length === 1 ? 'object' : 'objects'}` : ''}.
      </p>
      {isPending ? <p className="card-note">Loading…</p> : null}
      {error ? <p role="alert">Could not list the store: {error.message}</p> : null}
      {data && data.length === 0 ? <p className="card-note">Nothing yet. Files you upload appear here.</p> : null}
      {data && data.length > 0 ? (
        <ul className="server-files">
          {data.slice(0, SHOWN).map((object) => (
            <li key={object.key} data-testid="server-file">
              <span className="server-file-name">{object.key}</span>
              <span className="server-file-size">{formatBytes(object.size, locale, units)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {data && data.length > SHOWN ? <p className="card-note">and {(data.length - SHOWN).toLocaleString(locale)} more</p> : null}
    </section>
  )
}
