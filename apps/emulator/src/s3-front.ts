import http from 'node:http'
import type { Faults } from './kit/faults'
import { type RequestLog, declaredBytes } from './request-log'
import { checkIntegrity } from './s3-integrity'
import { createMultipartGaps } from './s3-multipart-gaps'
import { createThrottle } from './throttle'

/**
 * A thin front for s3rver, on the port browsers and presigned URLs use. s3rver stores what it
 * is sent but skips integrity checks real S3 makes, so this front makes them first: a part or
 * object PUT whose Content-MD5 or x-amz-checksum-* does not match its body is refused with
 * 400 BadDigest, as AWS does. It also injects faults and throttles bodies ("s3.put").
 * Everything else is forwarded byte for byte, Host header included, so SigV4 signatures made for
 * this address still verify at s3rver.
 */
export function startS3Front(opts: {
  host: string
  port: number
  target: { host: string; port: number }
  faults?: Faults
  /** s3rver's storage folder, for the multipart calls it lacks (absent for a real S3 upstream). */
  storageDir?: string
  /** Where browser-facing S3 requests are logged (part PUTs never pass the API). */
  log?: RequestLog
}) {
  const gaps = opts.storageDir ? createMultipartGaps({ storageDir: opts.storageDir }) : async () => false
  const throttle = createThrottle()
  const server = http.createServer(async (req, res) => {
    if (opts.log && req.method !== 'OPTIONS') {
      const path = (req.url ?? '/').split('?')[0]!
      const bytes = declaredBytes(req.headers['content-length'])
      res.on('finish', () =>
        opts.log!.add({ at: Date.now(), method: req.method ?? '', path: `/s3-storage${path}`, status: res.statusCode, ...(bytes === undefined ? {} : { bytes }) }),
      )
    }
    // Faults for part and object bodies (route "s3.put"): latency, injected status, dropped connection.
    // Expiry is judged when the request arrives (after any injected latency), as S3 does, not
    // after the body has been read.
    const outcome = req.method === 'PUT' && opts.faults ? opts.faults.draw('s3.put') : undefined
    if (outcome?.expireUrls) await opts.faults!.expireUrls()
    if (outcome?.latencyMs) await new Promise((r) => setTimeout(r, outcome.latencyMs))
    if (outcome?.drop) {
      req.once('data', () => req.socket.destroy())
      return
    }
    if (req.method === 'PUT' && presignedUrlExpired(req.url ?? '', opts.faults)) {
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
      const problem = req.method === 'PUT' ? await checkIntegrity(req.headers, body) : undefined
      if (problem) {
        sendS3Error(req, res, 400, problem.code, problem.message)
        return
      }
      if (await gaps(req, res, body).catch(() => false)) return
      forward(req, res, body, opts.target)
    })
  })
  return new Promise<{ close: () => Promise<void> }>((resolve) => {
    server.listen(opts.port, opts.host, () =>
      resolve({ close: () => new Promise<void>((done) => server.close(() => done())) }),
    )
  })
}

/**
 * A SigV4 presigned URL past X-Amz-Date + X-Amz-Expires (s3.md §4), or issued before the
 * emulator was told to expire every URL issued so far (POST /__expire-urls).
 */
function presignedUrlExpired(path: string, faults: Faults | undefined): boolean {
  const query = new URL(path, 'http://s3.local').searchParams
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(query.get('X-Amz-Date') ?? '')
  const expires = Number(query.get('X-Amz-Expires'))
  if (!date || !Number.isFinite(expires)) return false
  const signedAt = Date.UTC(+date[1]!, +date[2]! - 1, +date[3]!, +date[4]!, +date[5]!, +date[6]!)
  return Date.now() > signedAt + expires * 1000 || faults?.isUrlExpired(signedAt) === true
}

function forward(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, target: { host: string; port: number }) {
  const headers = { ...req.headers }
  if (req.headers['transfer-encoding']) {
    delete headers['transfer-encoding']
    headers['content-length'] = String(body.length)
  }
  const upstream = http.request({ host: target.host, port: target.port, method: req.method, path: req.url, headers }, (answer) => {
    // S3 applies the bucket's CORS rule to error answers too; s3rver does not, so a browser
    // would see a 403 "Request has expired" as an opaque network error. Add what S3 would.
    const headers = { ...answer.headers }
    const origin = req.headers.origin
    if (origin && !headers['access-control-allow-origin']) {
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

/** An S3 XML error the browser can read (CORS headers included, as a bucket rule would add). */
export function sendS3Error(req: http.IncomingMessage, res: http.ServerResponse, status: number, code: string, message: string) {
  if (res.headersSent) {
    res.destroy()
    return
  }
  const origin = req.headers.origin
  res.writeHead(status, {
    'Content-Type': 'application/xml',
    ...(origin ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': 'ETag', Vary: 'Origin' } : {}),
  })
  res.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message><RequestId>uplink-emulator</RequestId></Error>`,
  )
}
