import type { ErrorTable } from '@uplink/core'

/** Supplies a bearer token. Asked again (refresh: true) once after a 401. Never stored. */
export type TokenSupplier = (context: { refresh: boolean }) => string | undefined | Promise<string | undefined>

export interface JsonRequestOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE'
  body?: unknown
  signal: AbortSignal
  getToken?: TokenSupplier | undefined
  fetch?: typeof fetch | undefined
  /** The API's own meanings of non-2xx answers (read before the engine's defaults). */
  errors?: ErrorTable | undefined
}

/**
 * One JSON call to a vendor or signer API (see ./json-call for what it does). The code that
 * sends the call and reads its answer, with the error tables it consults (core's
 * classifyAnswer), loads with the first call, not with the page: an app that shows a drop zone
 * pays for the adapter's declaration only (issue #16's budget).
 */
export async function requestJson(url: string, options: JsonRequestOptions): Promise<unknown> {
  const { callJson } = await import('./json-call')
  return callJson(url, options)
}
