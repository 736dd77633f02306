/**
 * The few tus 1.0.0 rules @tus/server 2.4.5 does not follow itself, applied before a request
 * reaches it (shared/providers/tus.md §1–§3, emulator checklist items 1, 4 and 6):
 *
 * - an unsupported `Tus-Resumable` gets 412 with `Tus-Version` (@tus/server answers 400), and a
 *   missing one gets `Tus-Version` on its 412 too;
 * - a PATCH without `Content-Type: application/offset+octet-stream` gets 415 (@tus/server: 400/403);
 * - `X-HTTP-Method-Override` on a POST is honoured (@tus/server ignores it).
 *
 * Returns the request to hand to @tus/server, or the response to send instead.
 */
export function applyTusSpec(request: Request): { request: Request } | { response: Response } {
  const override = request.method === 'POST' ? request.headers.get('x-http-method-override')?.toUpperCase() : undefined
  const method = override || request.method
  if (method === 'OPTIONS') return { request }

  const version = request.headers.get('tus-resumable')
  if (version !== '1.0.0') {
    const body = version === null ? 'Tus-Resumable Required\n' : `Unsupported Tus-Resumable: ${version}\n`
    return { response: new Response(body, { status: 412, headers: { 'Tus-Version': '1.0.0', 'Tus-Resumable': '1.0.0' } }) }
  }
  if (method === 'PATCH' && request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() !== 'application/offset+octet-stream') {
    return { response: new Response('PATCH requires Content-Type: application/offset+octet-stream\n', { status: 415, headers: { 'Tus-Resumable': '1.0.0' } }) }
  }
  if (!override || override === request.method) return { request }

  const headers = new Headers(request.headers)
  headers.delete('x-http-method-override')
  const carriesBody = method === 'PATCH' && request.body !== null
  return {
    request: new Request(request.url, {
      method,
      headers,
      signal: request.signal,
      ...(carriesBody ? { body: request.body, duplex: 'half' } : {}),
    } as RequestInit),
  }
}
