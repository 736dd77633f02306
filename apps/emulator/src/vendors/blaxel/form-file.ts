import busboy from 'busboy'
import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebStream } from 'node:stream/web'

/** Why a request carried no usable `file` field; the message is the sandbox API's 400 text. */
export class FormFileError extends Error {}

/**
 * Read a multipart/form-data body and hand the bytes of its first field named `name` to
 * `consume` as a stream, the way the sandbox API does: other fields are skipped, a filename
 * on the part is allowed and ignored, and a part without a filename counts too. Everything
 * after that field is drained, so the response goes out only once the request is read.
 *
 * Throws FormFileError when the body is not multipart or has no such field; whatever
 * `consume` returns or throws is passed on.
 */
export async function readFormFile<T>(request: Request, name: string, consume: (bytes: Readable) => Promise<T>): Promise<T> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !/boundary=/i.test(contentType)) {
    throw new FormFileError("error reading multipart data: request Content-Type isn't multipart/form-data")
  }
  let parser: busboy.Busboy
  try {
    // latin1 keeps the bytes of a filename-less `file` part intact (busboy hands those over as strings).
    parser = busboy({ headers: { 'content-type': contentType }, defCharset: 'latin1', limits: { fieldSize: 1024 ** 3 } })
  } catch (error) {
    throw new FormFileError(`error reading multipart data: ${(error as Error).message}`)
  }

  return new Promise<T>((resolve, reject) => {
    let outcome: Promise<T> | undefined
    parser.on('file', (field, stream) => {
      stream.on('error', () => undefined) // an aborted upload errors here before the pipeline listens; it still sees the error
      if (field !== name || outcome) return void stream.resume()
      outcome = consume(stream).finally(() => stream.resume())
      outcome.catch(() => undefined)
    })
    parser.on('field', (field, value) => {
      if (field !== name || outcome) return
      outcome = consume(Readable.from([Buffer.from(value, 'latin1')]))
      outcome.catch(() => undefined)
    })
    parser.on('error', (error) => {
      if (outcome) outcome.then(resolve, reject)
      else reject(new FormFileError(`error reading multipart data: ${(error as Error).message}`))
    })
    parser.on('close', () => {
      if (outcome) outcome.then(resolve, reject)
      else reject(new FormFileError(`missing '${name}' field in multipart form`))
    })
    if (!request.body) return void parser.end()
    Readable.fromWeb(request.body as unknown as NodeWebStream).on('error', (error) => parser.destroy(error)).pipe(parser)
  })
}
