import { readdir } from 'node:fs/promises'
import { DATA_DIR, EMULATOR, requestLog } from '../emulator'

/** The emulator's development token (apps/emulator; the demo sends the same one). */
export const TOKEN = 'uplink-dev-token'
const auth = { Authorization: `Bearer ${TOKEN}` }

/** The demo's storages (its provider select; `s3-crc32c` is S3 with CRC32C set in the settings). */
export const PROVIDERS = ['s3', 's3-crc32c', 'tus', 'blaxel', 'cognite', 'drime', 'archetype', 'gjirafa'] as const
export type ProviderChoice = (typeof PROVIDERS)[number]

/** The emulator's store behind each choice of the demo (apps/demo/src/providers.ts). */
export const storeOf = (provider: string) => (provider.startsWith('s3') ? 's3' : provider)

/**
 * Fault routes per API (apps/emulator: each route's `withFaults(faults, '<name>')`): the calls
 * that start an upload (a session, or the single request a file up to 8 MiB goes in: S3's signed
 * PutObject (POST /s3/object, or many at once: /s3/objects), Gjirafa's simple upload URL, tus's creating POST with the bytes), the
 * requests that carry the bytes of a multipart upload, and the logged path of the call that
 * opens a multipart session.
 */
export const ROUTES: Record<string, { create: string[]; bytes: string[]; session: RegExp }> = {
  s3: { create: ['s3.create', 's3.object', 's3.objects'], bytes: ['s3.put'], session: /^\/s3\/multipart$/ },
  tus: { create: ['tus.create'], bytes: ['tus.patch'], session: /^\/tus\/files\/?$/ },
  blaxel: { create: ['blaxel.initiate'], bytes: ['blaxel.part'], session: /^\/blaxel\/filesystem-multipart\/initiate\// },
  cognite: { create: ['cognite.initiate'], bytes: ['cognite.part'], session: /\/files\/initmultipartupload$/ },
  drime: { create: ['drime.create'], bytes: ['storage.put'], session: /\/s3\/multipart\/create$/ },
  archetype: { create: ['archetype.initiate'], bytes: ['storage.put'], session: /\/files\/uploads\/initiate$/ },
  gjirafa: { create: ['gjirafa.initiate', 'gjirafa.simple'], bytes: ['storage.put'], session: /\/uploads\/multipart$/ },
}

/** Whether the request log shows a multipart session of this store opened (answered 2xx). */
export async function sessionOpened(store: string): Promise<boolean> {
  return (await requestLog()).some((r) => r.method === 'POST' && r.status < 300 && ROUTES[store]!.session.test(r.path))
}

/**
 * How many of a store's byte requests (part PUTs, tus PATCHes) the emulator holds back right now
 * (an injected latency): they reached the server and are in flight, not merely started by the page.
 */
export async function partsHeldBack(store: string): Promise<number> {
  const delayed = (await (await fetch(`${EMULATOR}/__delayed`)).json()) as Record<string, number>
  return ROUTES[store]!.bytes.reduce((sum, route) => sum + (delayed[route] ?? 0), 0)
}

/** The same fault on every route that carries a store's bytes. */
export const onBytes = (store: string, rule: Record<string, unknown>) => ROUTES[store]!.bytes.map((route) => ({ ...rule, route }))

export interface Listed {
  key: string
  size: number
  modifiedAt: string
}

/** What a store lists (the emulator's /__list, the same list the demo shows). */
export async function listStore(store: string): Promise<Listed[]> {
  return (await (await fetch(`${EMULATOR}/__list/${store}`)).json()) as Listed[]
}

/** Size and SHA-256 the emulator computes from the stored bytes, or undefined when there is no such object. */
export async function inspectStored(store: string, key: string): Promise<{ key: string; size: number; sha256: string } | undefined> {
  const response = await fetch(`${EMULATOR}/__inspect/${store}?key=${encodeURIComponent(key)}`)
  return response.ok ? ((await response.json()) as { key: string; size: number; sha256: string }) : undefined
}

/**
 * The file name the server itself records for a stored object, asked through the vendor's own
 * API where the key is an id (tus: the upload's `filename` metadata; Cognite: the file's `name`),
 * else the key's path below the store's root (its last segment, or all of it with `path: true`).
 */
export async function serverFileName(store: string, key: string): Promise<string> {
  if (store === 'tus') {
    const head = await fetch(`${EMULATOR}/tus/files/${encodeURIComponent(key)}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', ...auth } })
    const pairs = (head.headers.get('Upload-Metadata') ?? '').split(',').map((pair) => pair.trim().split(' '))
    const encoded = pairs.find(([name]) => name === 'filename')?.[1]
    return encoded === undefined ? '' : Buffer.from(encoded, 'base64').toString('utf8')
  }
  if (store === 'cognite') {
    const response = await fetch(`${EMULATOR}/cognite/api/v1/projects/demo/files/${encodeURIComponent(key)}`, { headers: auth })
    return ((await response.json()) as { name?: string }).name ?? ''
  }
  return key.split('/').pop() ?? ''
}

/** Replace the emulator's fault rules (apps/emulator/src/kit/faults.ts); [] clears them. */
export async function setFaults(rules: Array<Record<string, unknown>>): Promise<void> {
  const response = await fetch(`${EMULATOR}/__faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rules) })
  if (!response.ok) throw new Error(`PUT /__faults: ${response.status}`)
}

/**
 * How each API aborts a session, as the write-ups in shared/providers say (README's table,
 * "abort" row): the request (its path names the session, captured), and, where the API lets a
 * client ask, whether the server still holds that session. Cognite has no abort: the client
 * deletes the file resource instead.
 */
export const ABORTS: Record<
  string,
  { method: string; path: RegExp; isOpen?: (id: string) => Promise<boolean>; idBeforeAbort?: (log: Awaited<ReturnType<typeof requestLog>>) => string | undefined }
> = {
  // s3rver keeps an open multipart upload as a folder ._S3rver_uploads/<uploadId>; aborting removes it.
  // Its id is logged before any byte is sent (the signer's batch of part URLs), so the test can
  // see the session open first: the "gone" check cannot pass for want of the right folder name.
  s3: {
    method: 'DELETE',
    path: /^\/s3\/multipart\/([^/]+)$/,
    idBeforeAbort: (log) => log.map((r) => r.path.match(/^\/s3\/multipart\/([^/]+)\/batch$/)?.[1]).find((id) => id !== undefined),
    isOpen: async (id) => (await readdir(DATA_DIR, { recursive: true })).some((e) => e.endsWith(`._S3rver_uploads/${id}`)),
  },
  tus: {
    method: 'DELETE',
    path: /^\/tus\/files\/([^/]+)$/,
    isOpen: async (id) => (await fetch(`${EMULATOR}/tus/files/${encodeURIComponent(id)}`, { method: 'HEAD', headers: { 'Tus-Resumable': '1.0.0', ...auth } })).ok,
  },
  blaxel: {
    method: 'DELETE',
    path: /^\/blaxel\/filesystem-multipart\/([^/]+)\/abort$/,
    isOpen: async (id) => (await fetch(`${EMULATOR}/blaxel/filesystem-multipart/${encodeURIComponent(id)}/parts`, { headers: auth })).ok,
  },
  cognite: { method: 'POST', path: /\/files\/(delete)$/ },
  drime: { method: 'POST', path: /\/s3\/multipart\/(abort)$/ },
  archetype: { method: 'POST', path: /\/files\/uploads\/([^/]+)\/abort$/ },
  gjirafa: { method: 'PUT', path: /\/uploads\/(multipart-abort)$/ },
}

export { requestLog }
