import { UploadError } from '../errors'
import type { PartRequest, PartResponse } from '../types'
import type { Transport } from './transport'

/**
 * XMLHttpRequest transport: the one browser API that reports upload progress byte by byte
 * over HTTP/1.1 (fetch cannot, and streaming request bodies need HTTP/2).
 */
export const xhrTransport: Transport = (request, body, { signal, onProgress, stallTimeoutMs }) =>
  new Promise<PartResponse>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortedError())
      return
    }
    const xhr = new XMLHttpRequest()
    let stallTimer: ReturnType<typeof setTimeout> | undefined
    let timedOut = false
    const armStallTimer = () => {
      if (!stallTimeoutMs) return
      clearTimeout(stallTimer)
      stallTimer = setTimeout(() => {
        timedOut = true
        xhr.abort()
      }, stallTimeoutMs)
    }
    const cleanup = () => {
      clearTimeout(stallTimer)
      signal.removeEventListener('abort', onAbort)
    }
    const onAbort = () => xhr.abort()

    xhr.open(request.method, request.url)
    for (const [name, value] of Object.entries(request.headers)) xhr.setRequestHeader(name, value)
    xhr.upload.onprogress = (event) => {
      armStallTimer()
      onProgress?.(event.loaded)
    }
    xhr.onload = () => {
      cleanup()
      resolve({
        status: xhr.status,
        header: (name) => xhr.getResponseHeader(name),
        body: typeof xhr.responseText === 'string' ? xhr.responseText : '',
      })
    }
    xhr.onerror = () => {
      cleanup()
      reject(
        new UploadError({
          code: 'network',
          message: 'The connection failed while sending a part (network error or blocked by CORS).',
          retryable: true,
        }),
      )
    }
    xhr.onabort = () => {
      cleanup()
      reject(
        timedOut
          ? new UploadError({
              code: 'timeout',
              message: `No progress for ${Math.round((stallTimeoutMs ?? 0) / 1000)} s; the request was stopped.`,
              retryable: true,
            })
          : abortedError(),
      )
    }
    signal.addEventListener('abort', onAbort, { once: true })
    armStallTimer()
    xhr.send(encodeBody(request, body))
  })

/** Raw bytes, or a multipart/form-data body (the browser writes the boundary header itself). */
function encodeBody(request: PartRequest, body: Blob): XMLHttpRequestBodyInit {
  if (!request.body || request.body === 'raw') return body
  const form = new FormData()
  form.append(request.body.formField, body, request.body.fileName ?? 'blob')
  return form
}

function abortedError(): UploadError {
  return new UploadError({ code: 'aborted', message: 'The upload was cancelled.' })
}
