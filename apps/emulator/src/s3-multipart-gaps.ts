import { readdir, readFile, rm, stat } from 'node:fs/promises'
import type http from 'node:http'
import path from 'node:path'
import { XMLParser } from 'fast-xml-parser'

/**
 * What s3rver 3.7.1 lacks of S3 multipart, filled in by the front from s3rver's own upload
 * folders (`<bucket>/._S3rver_uploads/<uploadId>/<n>` and `<n>.md5`):
 * - ListParts (`GET ?uploadId`), paged by max-parts / part-number-marker,
 * - AbortMultipartUpload (`DELETE ?uploadId`) -> 204, then 404 NoSuchUpload,
 * - UploadPart and Complete on an unknown upload id -> 404 NoSuchUpload (s3rver accepts them),
 * - Complete's rules: ascending part numbers, matching ETags, non-last parts >= 5 MiB.
 * Requests reach these only after the front verified their SigV4 signature (s3-sigv4.ts).
 */
export function createMultipartGaps(opts: { storageDir: string; minPartSize?: number }) {
  const minPartSize = opts.minPartSize ?? 5 * 1024 * 1024
  const uploadDir = (bucket: string, uploadId: string) =>
    /^[A-Za-z0-9_-]+$/.test(uploadId) ? path.join(opts.storageDir, bucket, '._S3rver_uploads', uploadId) : null

  const exists = async (dir: string | null) => Boolean(dir && (await stat(dir).catch(() => null))?.isDirectory())

  async function listParts(dir: string) {
    const names = await readdir(dir)
    const numbers = names.filter((n) => /^\d+$/.test(n)).map(Number).sort((a, b) => a - b)
    return Promise.all(
      numbers.map(async (number) => {
        const [info, md5] = await Promise.all([stat(path.join(dir, String(number))), readFile(path.join(dir, `${number}.md5`), 'utf8').catch(() => '')])
        return { number, size: info.size, etag: `"${md5.trim()}"`, lastModified: info.mtime.toISOString() }
      }),
    )
  }

  /** Answers the request when it is one of the gaps; returns false to let s3rver have it. */
  return async function handle(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://s3.local')
    const uploadId = url.searchParams.get('uploadId')
    if (!uploadId) return false
    const [bucket = '', ...keyParts] = url.pathname.slice(1).split('/')
    const key = decodeURIComponent(keyParts.join('/'))
    const dir = uploadDir(bucket, uploadId)
    const known = await exists(dir)
    const noSuchUpload = () => xml(res, 404, error('NoSuchUpload', 'The specified upload does not exist.'))

    if (req.method === 'GET') {
      if (!known) return noSuchUpload()
      const maxParts = Math.min(1000, Number(url.searchParams.get('max-parts') ?? 1000) || 1000)
      const marker = Number(url.searchParams.get('part-number-marker') ?? 0) || 0
      const all = (await listParts(dir!)).filter((p) => p.number > marker)
      const page = all.slice(0, maxParts)
      const truncated = all.length > page.length
      const parts = page
        .map((p) => `<Part><PartNumber>${p.number}</PartNumber><LastModified>${p.lastModified}</LastModified><ETag>${escape(p.etag)}</ETag><Size>${p.size}</Size></Part>`)
        .join('')
      return xml(
        res,
        200,
        `<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${escape(bucket)}</Bucket><Key>${escape(key)}</Key><UploadId>${uploadId}</UploadId>` +
          `<PartNumberMarker>${marker}</PartNumberMarker><NextPartNumberMarker>${page.at(-1)?.number ?? marker}</NextPartNumberMarker>` +
          `<MaxParts>${maxParts}</MaxParts><IsTruncated>${truncated}</IsTruncated>${parts}</ListPartsResult>`,
      )
    }
    if (req.method === 'DELETE') {
      if (!known) return noSuchUpload()
      await rm(dir!, { recursive: true, force: true })
      res.writeHead(204).end()
      return true
    }
    if (req.method === 'PUT' && !known) return noSuchUpload()
    if (req.method === 'POST') {
      if (!known) return noSuchUpload()
      const problem = await checkCompletion(body, await listParts(dir!), minPartSize)
      if (problem) return xml(res, 400, error(problem.code, problem.message))
    }
    return false
  }
}

async function checkCompletion(body: Buffer, stored: Array<{ number: number; size: number; etag: string }>, minPartSize: number) {
  const parsed = new XMLParser({ isArray: (name) => name === 'Part', parseTagValue: false }).parse(body.toString('utf8')) as {
    CompleteMultipartUpload?: { Part?: Array<{ PartNumber?: string; ETag?: string }> }
  }
  const listed = parsed.CompleteMultipartUpload?.Part ?? []
  if (listed.length === 0) return { code: 'MalformedXML', message: 'The XML you provided was not well-formed.' }
  const byNumber = new Map(stored.map((p) => [p.number, p]))
  let previous = 0
  for (const [index, part] of listed.entries()) {
    const number = Number(part.PartNumber)
    if (!(number > previous)) return { code: 'InvalidPartOrder', message: 'The list of parts was not in ascending order.' }
    previous = number
    const found = byNumber.get(number)
    const unquote = (s: string) => s.replace(/^"|"$/g, '')
    if (!found || unquote(found.etag) !== unquote(String(part.ETag ?? ''))) {
      return { code: 'InvalidPart', message: `Part ${number} could not be found or its ETag did not match.` }
    }
    if (index < listed.length - 1 && found.size < minPartSize) {
      return { code: 'EntityTooSmall', message: 'Your proposed upload is smaller than the minimum allowed object size.' }
    }
  }
  return undefined
}

function error(code: string, message: string): string {
  return `<Error><Code>${code}</Code><Message>${escape(message)}</Message><RequestId>uplink-emulator</RequestId></Error>`
}

function xml(res: http.ServerResponse, status: number, payload: string): true {
  res.writeHead(status, { 'Content-Type': 'application/xml' })
  res.end(`<?xml version="1.0" encoding="UTF-8"?>\n${payload}`)
  return true
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
