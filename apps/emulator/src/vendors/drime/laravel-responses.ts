import type { Context, MiddlewareHandler } from 'hono'

/**
 * How a Laravel app (Drime runs on BeDrive, a Laravel code base) answers a failed request that
 * did not ask for JSON. Laravel renders JSON errors only when the request "expects JSON"
 * (`Accept: application/json` or `…+json` first, or an XMLHttpRequest that accepts anything);
 * otherwise an unauthenticated request is redirected to the login page (302), a failed
 * validation is redirected back to the page it came from (302, the errors in the session), and
 * any other error is an HTML error page with its status. A browser `fetch` sends `Accept: *\/*`
 * by default, so a client that leaves Accept out never sees a 401 or a 422.
 */
export function laravelResponses(loginUrl: string, home: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return next()
    await next()
    const res = c.res
    if (expectsJson(c) || res.status < 400 || !res.headers.get('Content-Type')?.includes('json')) return
    const body = (await res.clone().json().catch(() => ({}))) as { message?: unknown; errors?: unknown }
    const keep = (name: string) => res.headers.get(name)
    if (res.status === 401) {
      c.res = redirect(loginUrl, keep)
    } else if (res.status === 422 && typeof body.errors === 'object' && body.errors !== null) {
      // redirect()->back(): the Referer, else the app's home page.
      c.res = redirect(c.req.header('Referer') ?? home, keep)
    } else {
      c.res = new Response(errorPage(res.status, typeof body.message === 'string' ? body.message : ''), {
        status: res.status,
        headers: withKept({ 'Content-Type': 'text/html; charset=UTF-8' }, keep),
      })
    }
  }
}

/** Laravel's `expectsJson()`: `wantsJson()`, or an XMLHttpRequest that accepts any type. */
function expectsJson(c: Context): boolean {
  const accept = c.req.header('Accept') ?? ''
  const first = accept.split(',')[0]?.trim() ?? ''
  const wantsJson = first.includes('/json') || first.includes('+json')
  const ajax = c.req.header('X-Requested-With') === 'XMLHttpRequest'
  return wantsJson || (ajax && (accept === '' || accept.includes('*/*')))
}

/** CORS, rate-limit and Retry-After headers survive the rewrite, as Laravel's middleware adds them to any answer. */
function withKept(headers: Record<string, string>, keep: (name: string) => string | null): Headers {
  const out = new Headers(headers)
  for (const name of ['Access-Control-Allow-Origin', 'Access-Control-Expose-Headers', 'X-Ratelimit-Limit', 'X-Ratelimit-Remaining', 'Retry-After']) {
    const value = keep(name)
    if (value !== null) out.set(name, value)
  }
  return out
}

/** Symfony's RedirectResponse: a 302 with a small HTML page pointing at the target. */
function redirect(target: string, keep: (name: string) => string | null): Response {
  const escaped = target.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;')
  const page = `<!DOCTYPE html>
<html>
    <head>
        <meta charset="UTF-8" />
        <meta http-equiv="refresh" content="0;url='${escaped}'" />

        <title>Redirecting to ${escaped}</title>
    </head>
    <body>
        Redirecting to <a href="${escaped}">${escaped}</a>.
    </body>
</html>`
  return new Response(page, { status: 302, headers: withKept({ Location: target, 'Content-Type': 'text/html; charset=UTF-8' }, keep) })
}

const TITLES: Record<number, string> = { 403: 'Forbidden', 404: 'Not Found', 419: 'Page Expired', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Server Error', 503: 'Service Unavailable' }

/** Laravel's minimal error page (resources/views/errors/minimal.blade.php), trimmed. */
function errorPage(status: number, message: string): string {
  const title = TITLES[status] ?? 'Error'
  return `<!DOCTYPE html>
<html lang="en">
    <head>
        <meta charset="utf-8">
        <title>${title}</title>
    </head>
    <body class="antialiased">
        <div class="relative flex items-top justify-center min-h-screen">
            <div class="px-4 text-lg text-gray-500 border-r border-gray-400 tracking-wider">${status}</div>
            <div class="ml-4 text-lg text-gray-500 uppercase tracking-wider">${status >= 500 ? title : message.replace(/</g, '&lt;') || title}</div>
        </div>
    </body>
</html>`
}
