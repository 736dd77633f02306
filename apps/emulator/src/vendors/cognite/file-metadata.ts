/**
 * The `ExternalFilesMetadata` body of `initmultipartupload`, checked against the limits in
 * shared/providers/cognite.md §3.1. Unknown fields are refused (INFERRED: CDF's strict JSON
 * binding), so a client that sends e.g. `size` finds out here.
 */
export interface FileMetadata {
  name: string
  externalId?: string
  directory?: string
  source?: string
  mimeType?: string
  metadata?: Record<string, string>
  assetIds?: number[]
  dataSetId?: number
  sourceCreatedTime?: number
  sourceModifiedTime?: number
  securityCategories?: number[]
  labels?: Array<{ externalId: string }>
  geoLocation?: unknown
}

export type Checked = { ok: true; value: FileMetadata } | { ok: false; message: string }

const MAX_ID = 2 ** 53 - 1
const isId = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= MAX_ID
const bytes = (s: string) => Buffer.byteLength(s, 'utf8')

type Rule = (value: unknown) => string | null
const text = (max: number, extra?: (s: string) => string | null): Rule => (v) =>
  typeof v !== 'string' ? 'must be a string' : v.length > max ? `size must be at most ${max}` : (extra?.(v) ?? null)

const rules: Record<keyof FileMetadata, Rule> = {
  name: text(256, (s) => (s.length === 0 ? 'must not be empty' : null)),
  externalId: text(255),
  directory: text(512, (s) => (s.startsWith('/') ? null : 'must be an absolute path')),
  source: text(128),
  mimeType: text(256),
  metadata: (v) => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'must be an object of strings'
    const entries = Object.entries(v)
    if (entries.length > 256) return 'must have at most 256 pairs'
    let total = 0
    for (const [key, value] of entries) {
      if (typeof value !== 'string') return `value of ${key} must be a string`
      if (bytes(key) > 128) return `key ${key.slice(0, 20)}… is longer than 128 bytes`
      if (bytes(value) > 10240) return `value of ${key} is longer than 10240 bytes`
      total += bytes(key) + bytes(value)
    }
    return total > 10240 ? 'must be at most 10240 bytes in total' : null
  },
  assetIds: (v) => (!Array.isArray(v) || v.length < 1 || v.length > 1000 || !v.every(isId) ? 'must be 1..1000 ids between 1 and 2^53-1' : null),
  dataSetId: (v) => (isId(v) ? null : 'must be an id between 1 and 2^53-1'),
  sourceCreatedTime: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? null : 'must be a non-negative integer'),
  sourceModifiedTime: (v) => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? null : 'must be a non-negative integer'),
  securityCategories: (v) => (!Array.isArray(v) || v.length > 100 || !v.every(isId) ? 'must be at most 100 ids' : null),
  labels: (v) =>
    !Array.isArray(v) || v.length > 10 || !v.every((l) => typeof l === 'object' && l !== null && typeof (l as { externalId?: unknown }).externalId === 'string')
      ? 'must be at most 10 {externalId} objects'
      : null,
  geoLocation: (v) => (typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'Feature' ? null : 'must be a GeoJSON Feature'),
}

export function checkFileMetadata(body: unknown): Checked {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, message: 'Request body must be a JSON object' }
  for (const [field, value] of Object.entries(body)) {
    const rule = rules[field as keyof FileMetadata]
    if (!rule) return { ok: false, message: `Unrecognized field "${field}"` }
    const problem = rule(value)
    if (problem) return { ok: false, message: `${field}: ${problem}` }
  }
  if (!('name' in body)) return { ok: false, message: 'name: may not be null' }
  return { ok: true, value: body as FileMetadata }
}
