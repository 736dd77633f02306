import type { Identity, SignerConfig } from '../options'
import type { UploadClaims } from '../upload-token'

/** What a route handler gets: the checked request. */
export interface RouteContext {
  request: Request
  config: SignerConfig
  /** Who is asking, as `authorize` said. */
  identity: Identity
  params: Record<string, string>
  query: URLSearchParams
  /** The JSON body, for routes that take one (already size-capped and parsed). */
  body: Record<string, unknown>
  /** The verified upload token's claims (only for routes that declare `upload: true`; reading it elsewhere throws). */
  upload: UploadClaims
}

/**
 * One signer route. The table in ./index.ts is the whole API: a route says what it needs
 * (a JSON body and its cap, an upload token) and the signer checks that before `handle` runs.
 */
export interface SignerRoute {
  method: 'GET' | 'POST' | 'DELETE'
  path: string
  /** Takes a JSON body capped at the signer's maxBodyBytes ('json') or maxCompleteBodyBytes ('large-json'). */
  body?: 'json' | 'large-json'
  /** Acts on an upload: needs its token (query `token`), issued to the same identity, for the `:uploadId` in the path. */
  upload?: boolean
  /** The JSON answer (200). Throw a SignerError to refuse. */
  handle(context: RouteContext): Promise<unknown>
}
