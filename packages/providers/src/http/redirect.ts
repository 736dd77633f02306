import { UploadError } from '@uplink/core'

/**
 * With `redirect: 'manual'` a browser hands back an opaque redirect (type "opaqueredirect",
 * status 0, no headers); other runtimes hand back the 3xx itself.
 */
export function isRedirect(response: Pick<Response, 'type' | 'status'>): boolean {
  return response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)
}

export function redirectError(response: Pick<Response, 'status'>, url: string): UploadError {
  const status = response.status === 0 ? undefined : response.status
  return new UploadError({
    code: 'unexpected-redirect',
    message: `${new URL(url).pathname} answered with a redirect${status ? ` (${status})` : ''}, which an API call never follows: the server did not take the request as an API call (an expired session answered with a login page, or a wrong base URL).`,
    ...(status === undefined ? {} : { status }),
  })
}
