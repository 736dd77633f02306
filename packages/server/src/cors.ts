import { cors } from 'hono/cors'
import type { MiddlewareHandler } from 'hono'
import { SignerOptionError } from './options'

/**
 * The signer's CORS layer (Hono's): it answers every preflight itself, before routing and
 * without calling `authorize` (browsers send no credentials on OPTIONS). Only the listed origins
 * (or those the predicate accepts) are echoed back; "*" is refused; with none, no cross-origin
 * page can read an answer.
 */
export function signerCors(allowed: readonly string[] | ((origin: string) => boolean) | undefined): MiddlewareHandler {
  const isAllowed = originPredicate(allowed)
  return cors({
    origin: (origin) => (origin && isAllowed(origin) ? origin : null),
    allowMethods: ['GET', 'POST', 'DELETE'],
    allowHeaders: ['Authorization', 'Content-Type'],
    exposeHeaders: ['X-Request-Id'],
    maxAge: 600,
  })
}

function originPredicate(allowed: readonly string[] | ((origin: string) => boolean) | undefined): (origin: string) => boolean {
  if (allowed === undefined) return () => false
  if (typeof allowed === 'function') return (origin) => allowed(origin) === true
  if (!Array.isArray(allowed)) throw new SignerOptionError('allowedOrigins', 'must be a list of origins or a function')
  const origins = new Set<string>()
  for (const origin of allowed) {
    if (origin === '*') throw new SignerOptionError('allowedOrigins', 'cannot be "*": list the origins of your app')
    let parsed: URL | undefined
    try {
      parsed = new URL(origin)
    } catch {
      parsed = undefined
    }
    if (!parsed || parsed.origin !== origin) throw new SignerOptionError('allowedOrigins', `"${origin}" is not an origin like https://app.example.com`)
    origins.add(origin)
  }
  return (origin) => origins.has(origin)
}
