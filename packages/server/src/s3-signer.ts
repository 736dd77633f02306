import { Hono } from 'hono'
import { signerCors } from './cors'
import { SignerError, errorBody, toSignerError } from './errors'
import { isJsonRequest, readJsonObject } from './json-body'
import { type Identity, type S3SignerOptions, type SignerConfig, resolveOptions } from './options'
import { type RouteContext, SIGNER_ROUTES, type SignerRoute } from './routes'
import type { UploadClaims } from './upload-token'

type Env = { Variables: { requestId: string; identity: Identity | undefined } }

/**
 * The S3 multipart signer a production app deploys beside the widget: a standard
 * `Request -> Response` handler. Closed by default: every call needs `authorize`'s yes; an
 * upload's later calls need the upload token issued to the same identity; the declared size
 * fixes the part plan and every part URL signs its exact length. Refusals are typed codes with
 * a request id; details go to the `log` hook.
 */
export function createS3Signer(options: S3SignerOptions): (request: Request) => Promise<Response> {
  const config = resolveOptions(options)
  const app = new Hono<Env>()
  const base = options.basePath ? app.basePath(options.basePath) : app

  base.use('*', async (c, next) => {
    c.set('requestId', crypto.randomUUID())
    await next()
    c.header('X-Request-Id', c.get('requestId'))
    // Answers hold tokens and presigned URLs: no cache may keep them.
    c.header('Cache-Control', 'no-store')
  })
  base.use('*', signerCors(options.allowedOrigins))
  for (const route of SIGNER_ROUTES) {
    base.on(route.method, route.path, async (c) => c.json(await runRoute(route, config, c.req.raw, c.req.param(), (identity) => c.set('identity', identity))))
  }
  app.notFound(() => {
    throw new SignerError('not-found', 404)
  })
  app.onError((thrown, c) => {
    const error = toSignerError(thrown)
    const requestId = c.get('requestId') ?? crypto.randomUUID()
    const identity = c.get('identity')
    config.log({
      level: error.status >= 500 ? 'error' : 'info',
      event: error.status >= 500 ? 'request-failed' : 'request-refused',
      message: `${c.req.method} ${c.req.path} -> ${error.status} ${error.code}`,
      requestId,
      method: c.req.method,
      path: c.req.path,
      status: error.status,
      code: error.code,
      ...(identity ? { identity } : {}),
      ...(error.detail ? { detail: error.detail } : {}),
      ...(thrown !== error ? { error: thrown } : error.cause !== undefined ? { error: error.cause } : {}),
    })
    return c.json(errorBody(error, requestId), error.status as 400)
  })

  return (request) => Promise.resolve(app.fetch(request))
}

/** Every check a route asked for, in order: JSON body type, authorize, upload token, body size. */
async function runRoute(route: SignerRoute, config: SignerConfig, request: Request, params: Record<string, string>, setIdentity: (identity: Identity) => void) {
  if (route.body && !isJsonRequest(request)) throw new SignerError('unsupported-media-type', 415)
  const identity = await callAuthorize(config, request)
  setIdentity(identity)
  const query = new URL(request.url).searchParams
  let claims: UploadClaims | undefined
  if (route.upload) {
    claims = await config.tokens.verify(query.get('token') ?? undefined, identity)
    const key = query.get('key')
    if (params.uploadId !== claims.uploadId || (key !== null && key !== claims.key)) {
      throw new SignerError('invalid-token', 403, { detail: 'the token is for another upload' })
    }
  }
  const body = route.body ? await readJsonObject(request, route.body === 'large-json' ? config.maxCompleteBodyBytes : config.maxBodyBytes) : {}
  const context: RouteContext = {
    request,
    config,
    identity,
    params,
    query,
    body,
    get upload() {
      if (!claims) throw new Error(`${route.method} ${route.path} reads the upload but does not declare upload: true`)
      return claims
    },
  }
  return route.handle(context)
}

async function callAuthorize(config: SignerConfig, request: Request): Promise<Identity> {
  let identity: Identity | undefined
  try {
    identity = await config.authorize(request)
  } catch (error) {
    throw new SignerError('internal', 500, { detail: `authorize threw: ${error instanceof Error ? error.message : String(error)}`, cause: error })
  }
  if (!identity) throw new SignerError('unauthorized', 401)
  return identity
}
