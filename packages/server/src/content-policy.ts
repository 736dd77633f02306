import { SignerError } from './errors'
import { utf8Length } from './names'

/**
 * What an object may be stored as. The client declares a type; the signer decides:
 * - `accept` (MIME types, `type/*` wildcards, `.ext` extensions) says which files may be
 *   uploaded at all: anything else is refused (422 type-not-accepted).
 * - `contentTypes` says which declared types are stored as such; any other is stored as
 *   `application/octet-stream`, so a browser opening the object never runs it. Default: the MIME
 *   entries of `accept`, else none (everything is stored as application/octet-stream).
 *   A wildcard never allows active content (HTML, SVG, XML, JavaScript): list it exactly to store it.
 */
export interface ContentPolicy {
  isAccepted(filename: string, type: string): boolean
  storedType(type: string): string
}

export const OCTET_STREAM = 'application/octet-stream'
/** Types a browser may render as a page or run as script from the bucket's origin. */
const ACTIVE_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/xml',
  'application/xml',
  'text/javascript',
  'application/javascript',
  'application/ecmascript',
  'text/ecmascript',
  'application/x-javascript',
])
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/
const MIME_PATTERN = /^([a-z0-9][a-z0-9!#$&^_.+-]{0,126})\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]{0,126})$/

export function createContentPolicy(accept: readonly string[] | undefined, contentTypes: readonly string[] | undefined): ContentPolicy {
  const acceptEntries = (accept ?? []).map((entry) => entry.trim().toLowerCase()).filter(Boolean)
  const extensions = acceptEntries.filter((entry) => entry.startsWith('.'))
  const acceptTypes = acceptEntries.filter((entry) => !entry.startsWith('.'))
  for (const entry of [...acceptTypes, ...(contentTypes ?? [])]) {
    if (!MIME_PATTERN.test(entry.toLowerCase())) throw new TypeError(`"${entry}" is not a MIME type or type/* pattern`)
  }
  const storable = (contentTypes ?? acceptTypes).map((entry) => entry.toLowerCase())
  const matches = (patterns: readonly string[], type: string, wildcardsAllowActive: boolean) =>
    patterns.some(
      (pattern) => pattern === type || (pattern.endsWith('/*') && type.startsWith(pattern.slice(0, -1)) && (wildcardsAllowActive || !ACTIVE_TYPES.has(type))),
    )

  return {
    isAccepted(filename, type) {
      if (!accept) return true
      const name = filename.toLowerCase()
      // An SVG is an image the app may accept; it is then stored as octet-stream (storedType).
      return matches(acceptTypes, type, true) || extensions.some((extension) => name.endsWith(extension))
    },
    storedType: (type) => (matches(storable, type, false) ? type : OCTET_STREAM),
  }
}

/** The declared type without parameters, lower case; '' and absent mean application/octet-stream. */
export function readDeclaredType(value: unknown): string {
  if (value === undefined || value === null || value === '') return OCTET_STREAM
  if (typeof value !== 'string' || utf8Length(value) > 255) throw new SignerError('invalid-type', 400)
  const type = value.split(';')[0]!.trim().toLowerCase()
  if (!MIME.test(type)) throw new SignerError('invalid-type', 400)
  return type
}

export interface MetadataLimits {
  /** Most entries (default 10). */
  maxKeys: number
  /** Most UTF-8 bytes of all keys and values together (default 2048, S3's own limit). */
  maxBytes: number
}

const METADATA_KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/
/** x-amz-meta-* values travel as HTTP header values: printable ASCII only. */
const METADATA_VALUE = /^[\x20-\x7e]{0,1024}$/

/** Client metadata, bounded: short header-safe keys, printable values, a few entries, a small total. */
export function readMetadata(value: unknown, limits: MetadataLimits): Record<string, string> {
  if (value === undefined || value === null) return {}
  const refuse = (message: string) => new SignerError('invalid-metadata', 400, { message })
  if (typeof value !== 'object' || Array.isArray(value)) throw refuse('metadata must be an object of strings')
  const entries = Object.entries(value as Record<string, unknown>)
  if (entries.length > limits.maxKeys) throw refuse(`metadata may have at most ${limits.maxKeys} entries`)
  let bytes = 0
  const metadata: Record<string, string> = {}
  for (const [rawKey, rawValue] of entries) {
    const key = rawKey.toLowerCase()
    if (!METADATA_KEY.test(key)) throw refuse('metadata keys are 1-64 letters, digits, "-" or "_"')
    if (typeof rawValue !== 'string' || !METADATA_VALUE.test(rawValue)) {
      throw refuse('metadata values are strings of printable ASCII')
    }
    bytes += utf8Length(key) + utf8Length(rawValue)
    metadata[key] = rawValue
  }
  if (bytes > limits.maxBytes) throw refuse(`metadata may hold at most ${limits.maxBytes} bytes`)
  return metadata
}
