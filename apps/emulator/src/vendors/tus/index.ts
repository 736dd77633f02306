import { FileStore } from '@tus/file-store'
import { Server } from '@tus/server'
import { Hono, type Context } from 'hono'
import { requireBearer } from '../../kit/auth'
import { withFaults, type Faults } from '../../kit/faults'
import { createObjectStore } from '../../kit/stored-objects'
import type { VendorContext, VendorModule } from '../../kit/vendor'
import { applyTusSpec } from './spec-front'

const GiB = 1024 ** 3

/** What a browser must be able to read from tus responses (tus.md §5; tusd's list). */
const EXPOSED = [
  'Location', 'Upload-Offset', 'Upload-Length', 'Tus-Version', 'Tus-Resumable', 'Tus-Max-Size', 'Tus-Extension',
  'Upload-Metadata', 'Upload-Defer-Length', 'Upload-Concat', 'Upload-Expires',
].join(', ')

export interface TusOptions {
  /** `Tus-Max-Size`; POST above it is 413. */
  maxSize?: number
  /** Default lifetime of an upload URL (`Upload-Expires`), seconds; faults.urlTtlSeconds('tus.patch', …) overrides. */
  expirationSeconds?: number
}

/**
 * A tus 1.0.0 server under /tus, creation URL /tus/files: the official @tus/server 2.4.5 with
 * @tus/file-store 2.1.1 (creation, creation-with-upload, creation-defer-length, termination,
 * expiration; no checksum extension, which @tus/server does not implement). Uploads are stored
 * under `<dataDir>/tus/objects/<upload id>`, so an upload is inspectable by its id.
 */
export function createTus(context: VendorContext, options: TusOptions = {}): VendorModule {
  const { faults } = context
  const objects = createObjectStore(context.dataDir, 'tus')
  const expirationSeconds = options.expirationSeconds ?? 24 * 3600
  const tus = new Server({
    path: '/tus/files',
    datastore: new ExpiringFileStore(objects.root, () => faults.urlTtlSeconds('tus.patch', expirationSeconds)),
    maxSize: options.maxSize ?? GiB,
    exposedHeaders: ['Upload-Expires'],
    // Location on the origin the client used (the Host header, via the request URL, which also
    // works for in-process requests that carry no Host header).
    generateUrl: (req, { path, id }) => `${new URL(req.url).origin}${path}/${id}`,
  })
  const app = new Hono()

  // Every response, including 401s and injected faults, carries Tus-Resumable and the CORS
  // headers a browser client needs (Location and Upload-Offset above all).
  app.use('*', async (c, next) => {
    await next()
    if (c.req.method !== 'OPTIONS') c.res.headers.set('Tus-Resumable', '1.0.0')
    c.res.headers.set('Access-Control-Allow-Origin', '*')
    c.res.headers.set('Access-Control-Expose-Headers', EXPOSED)
  })
  app.use('*', requireBearer(context.token, () => ({ error: 'Unauthorized' })))

  const handle = async (c: Context) => {
    const front = applyTusSpec(c.req.raw)
    if ('response' in front) return front.response
    return tus.handleWeb(front.request)
  }
  // Hono routes HEAD through GET handlers (c.req.method stays HEAD); @tus/server tells them apart.
  for (const route of ['/files', '/files/*']) {
    app.on(['POST', 'GET', 'PATCH', 'DELETE', 'OPTIONS'], route, faultsFor(faults), handle)
  }
  // The file store keeps each upload's metadata beside it as `<id>.json`: not a stored object.
  const uploads = { ...objects, list: async () => (await objects.list()).filter((o) => !o.key.endsWith('.json')) }
  return { name: 'tus', app, objects: uploads }
}

/** Fault route by what the request does: tus.create, tus.head, tus.patch, tus.delete, tus.options. */
function faultsFor(faults: Faults) {
  const names: Record<string, string> = { POST: 'tus.create', HEAD: 'tus.head', GET: 'tus.get', PATCH: 'tus.patch', DELETE: 'tus.delete', OPTIONS: 'tus.options' }
  const byRoute = new Map(Object.values(names).map((name) => [name, withFaults(faults, name)]))
  return (c: Context, next: () => Promise<void>) => {
    const override = c.req.method === 'POST' ? c.req.header('x-http-method-override')?.toUpperCase() : undefined
    const name = names[override ?? c.req.method] ?? 'tus.other'
    return (byRoute.get(name) ?? withFaults(faults, name))(c, next)
  }
}

/** FileStore whose upload lifetime is read at each request, so a fault can shorten it. */
class ExpiringFileStore extends FileStore {
  constructor(
    directory: string,
    private readonly lifetimeSeconds: () => number,
  ) {
    super({ directory, expirationPeriodInMilliseconds: lifetimeSeconds() * 1000 })
  }

  override getExpiration(): number {
    return this.lifetimeSeconds() * 1000
  }
}
