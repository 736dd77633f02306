/// <reference lib="webworker" />
import { toUploadError } from '../errors'
import { hashChunks, hashPartBlob } from './hash-jobs'
import type { HashRequest, HashResponse } from './protocol'

// A module worker that reads the Blobs it is sent and hashes them off the main thread.
const scope = self as unknown as DedicatedWorkerGlobalScope
const reply = (response: HashResponse) => scope.postMessage(response)

scope.onmessage = async ({ data: request }: MessageEvent<HashRequest>) => {
  try {
    const hashed = request.kind === 'part' ? await hashPartBlob(request.blob, request.algorithms) : await hashChunks(request.chunks, request.algorithm)
    reply({ kind: 'result', id: request.id, ok: true, ...hashed })
  } catch (error) {
    reply({ kind: 'result', id: request.id, ok: false, error: toUploadError(error, 'file-unreadable').toJSON() })
  }
}

// The handshake: this code ran, so the worker can take jobs. A worker a CSP blocks never says it.
reply({ kind: 'ready' })
