import http from 'node:http'
import { type Faults, cutSocketAnswer, partIdentity } from './kit/faults'
import type { InFlight } from './kit/in-flight'
import { type RequestLog, describeRequest } from './request-log'
import { isLoopbackOrigin } from './kit/loopback'
import { checkIntegrity } from './s3-integrity'
import { createMultipartGaps } from './s3-multipart-gaps'
import { type S3Account, payloadMatches, verifySigV4 } from './s3-sigv4'
import { createThrottle } from './throttle'

/**
 * A thin front for s3rver, on the port browsers and presigned URLs use. s3rver stores what it
 * is sent but checks neither signatures nor integrity, so this front does what S3 does first:
 * - every request but a CORS preflight must carry a valid SigV4 signature of the account
 *   (presigned query or Authorization header; expired URLs, unsigned x-amz-* headers, a
 *   Content-Length other than the signed one: 403), and a signed payload hash must match the body;
 * - a part or object PUT whose Content-MD5 or x-amz-checksum-* does not match its body is
 *   refused with 400 BadDigest.
 * It also injects faults and throttles bodies ("s3.put"). What passes is forwarded byte for
 * byte, Host header included, so the same signatures verify again at a real upstream (radosgw).
 */
export function startS3Front(opts: {
  host: string
  port: number
  target: { host: string; port: number }
  /** The store's account: whose signatures are valid. */
  credentials: S3Account
  faults?: Faults
  /** s3rver's storage folder, for the multipart calls it lacks (absent for a real S3 upstream). */
  storageDir?: string
  /** Where browser-facing S3 requests are logged (part PUTs never pass the API). */
  log?: RequestLog
  /** Requests in flight, for POST /__reset-in-flight on the API. */
  inFlight?: InFlight
}) {
  const gaps = opts.storageDir ? createMultipartGaps({ storageDir: opts.storageDir }) : async () => false
  const throttle = createThrottle()
  const server = http.createServer(async (req, res) => {
    if (req.method !== 'OPTIONS') {
      const startedAt = Date.now()
      const described = describeRequest(req.url ?? '/', (name) => req.headers[name] as string | undefined)
      const leave = opts.inFlight?.enter(req.socket)
      // 'close' rather than 'finish': a request whose connection was cut is logged too.
      res.once('close', () => {
        leave?.()
        opts.log?.add({
          at: Date.now(),
          startedAt,
          method: req.method ?? '',
          ...described,
          path: `/s3-storage${described.path}`,
          status: res.statusCode,
          ...(res.writableFinished ? {} : { aborted: true }),
        })
      })
    }
    // Faults for part and object bodies (route "s3.put"): latency, injected status, dropped connection.
    // Expiry is judged when the request arrives (after any injected latency), as S3 does, not
    // after the body has been read.
    const outcome = req.method === 'PUT' && opts.faults ? opts.faults.draw('s3.put', partIdentity(req.url ?? '/', (name) => req.headers[name] as string | undefined)) : undefined
    if (outcome?.expireUrls) await opts.faults!.expireUrls()
    if (outcome?.latencyMs) await opts.faults!.delay('s3.put', outcome.latencyMs)
    if (outcome?.drop) {
      req.once('data', () => req.socket.destroy())
      return
    }
    if (outcome?.resetAfterBody) {
      // The first bytes of an answer, then the reset: see FaultRule.resetAfterBody.
      req.resume()
      req.on('end', () => {
        res.statusCode = 500 // what the request log records
        cutSocketAnswer(req.socket, 500)
      })
      return
    }
    // Authentication comes first, as at S3 (expiry included: judged when the request arrives,
    // after any injected latency). Preflights carry no credentials.
    const auth = req.method === 'OPTIONS' ? undefined : verifySigV4({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers }, [opts.credentials])
    if (auth && !auth.ok) {
      req.resume()
      req.on('end', () => sendS3Error(req, res, auth.status, auth.code, auth.message))
      return
    }
    if (req.method === 'PUT' && expiredOnDemand(req.url ?? '', opts.faults)) {
      req.resume()
      req.on('end', () => sendS3Error(req, res, 403, 'AccessDenied', 'Request has expired'))
      return
    }
    if (outcome?.fail) {
      req.resume()
      req.on('end', () => sendS3Error(req, res, outcome.fail!.status, 'InternalError', 'Injected fault.'))
      return
    }
    const chunks: Buffer[] = []
    if (req.method === 'PUT' && opts.faults) throttle.pace(req, () => opts.faults!.bytesPerSecond('s3.put'))
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('error', () => res.destroy())
    req.on('end', async () => {
      const body = Buffer.concat(chunks)
      if (outcome?.corrupt && body.length > 0) body[body.length >> 1]! ^= 0xff
      if (auth?.ok && !payloadMatches(auth.payloadHash, body)) {
        sendS3Error(req, res, 400, 'XAmzContentSHA256Mismatch', "The provided 'x-amz-content-sha256' header does not match what was computed.")
        return
      }
      const problem = req.method === 'PUT' ? await checkIntegrity(req.headers, body) : undefined
      if (problem) {
        sendS3Error(req, res, 400, problem.code, problem.message)
        return
      }
      if (await gaps(req, res, body).catch(() => false)) return
      // S3 judges a presigned URL when the request arrives; s3rver would judge it again once the
      // (maybe throttled) body has been read, and refuse a part whose URL died meanwhile. The
      // front has verified it: s3rver gets the request without the presigned query (it takes
      // anonymous requests). A real upstream gets it as it came, to verify again.
      const path = opts.storageDir ? withoutPresignedQuery(req.url ?? '/') : (req.url ?? '/')
      forward(req, res, body, opts.target, outcome?.dropResponse ?? false, path)
    })
  })
  return new Promise<{ close: () => Promise<void> }>((resolve) => {
    server.listen(opts.port, opts.host, () =>
      resolve({ close: () => new Promise<void>((done) => server.close(() => done())) }),
    )
  })
}

/**
 * A presigned URL issued before the emulator was told to expire every URL issued so far
 * (POST /__expire-urls); verifySigV4 judges the URL's own X-Amz-Expires.
 */
function expiredOnDemand(path: string, faults: Faults | undefined): boolean {
  if (!faults) return false
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(new URL(path, 'http://s3.local').searchParams.get('X-Amz-Date') ?? '')
  if (!date) return false
  return faults.isUrlExpired(Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!))
}

/** Send what passed on to the store; `cut`: let the store act, then cut its answer (dropResponse). */
const PRESIGNED_QUERY = ['X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Date', 'X-Amz-Expires', 'X-Amz-SignedHeaders', 'X-Amz-Signature', 'X-Amz-Security-Token']

/** The URL without its presigned-auth parameters (what a verified request tells s3rver). */
export function withoutPresignedQuery(url: string): string {
  const parsed = new URL(url, 'http://s3.local')
  if (!parsed.searchParams.has('X-Amz-Signature')) return url
  for (const name of PRESIGNED_QUERY) parsed.searchParams.delete(name)
  const query = parsed.searchParams.toString()
  return `${parsed.pathname}${query ? `?${query}` : ''}`
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, target: { host: string; port: number }, cut = false, path = req.url) {
  const headers = { ...req.headers }
  if (req.headers['transfer-encoding']) {
    delete headers['transfer-encoding']
    headers['content-length'] = String(body.length)
  }
  const upstream = http.request({ host: target.host, port: target.port, method: req.method, path, headers }, (answer) => {
    // S3 applies the bucket's CORS rule to error answers too; s3rver does not, so a browser
    // would see a 403 "Request has expired" as an opaque network error. Add what S3 would.
    if (cut) {
      answer.resume()
      cutSocketAnswer(req.socket, answer.statusCode ?? 200)
      return
    }
    const headers = { ...answer.headers }
    const origin = req.headers.origin
    if (origin && isLoopbackOrigin(origin) && !headers['access-control-allow-origin']) {
      headers['access-control-allow-origin'] = origin
      headers['access-control-expose-headers'] = 'ETag'
      headers.vary = 'Origin'
    }
    res.writeHead(answer.statusCode ?? 502, headers)
    answer.pipe(res)
  })
  upstream.on('error', () => sendS3Error(req, res, 502, 'InternalError', 'The storage behind the emulator did not answer.'))
  upstream.end(body)
}

/** An S3 XML error the browser can read (CORS headers included, as the bucket's loopback rule would add). */
export function sendS3Error(req: http.IncomingMessage, res: http.ServerResponse, status: number, code: string, message: string) {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const origin = req.headers.origin
  res.writeHead(status, {
    'Content-Type': 'application/xml',
    ...(origin && isLoopbackOrigin(origin) ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'ETag', Vary: 'Origin' } : {}),
  })
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message><RequestId>uplink-emulator</RequestId></Error>`,
  )
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
