import { UploadError } from '@uplink/core'

/** Small readers for untrusted JSON: a missing or mistyped field is a typed bad-response error. */
export function expectObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badResponse(`${what} is not an object`)
  return value as Record<string, unknown>
}

export function expectString(object: Record<string, unknown>, field: string, what: string): string {
  const value = object[field]
  if (typeof value !== 'string' || value === '') throw badResponse(`${what}.${field} is missing or not a string`)
  return value
}

export function badResponse(detail: string): UploadError {
  return new UploadError({ code: 'bad-response', message: `The server's answer was not understood: ${detail}.` })
}
