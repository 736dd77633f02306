/// <reference lib="webworker" />
import type { HashRequest, HashResponse } from './protocol'
import { readAndHashPart } from './read-part'
import { digestWholeFile } from './whole-file'

// A module worker: reads slices of the file and hashes them off the main thread.
// Part bytes go back as a Blob (passed by reference, no copy).
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = async (event: MessageEvent<HashRequest>) => {
  const request = event.data
  try {
    if (request.kind === 'part') {
      const { body, checksums } = await readAndHashPart(request.blob, request.start, request.end, request.algorithms)
      const response: HashResponse = { id: request.id, ok: true, kind: 'part', body, checksums }
      scope.postMessage(response)
    } else {
      const checksum = await digestWholeFile(request.blob, request.algorithm)
      const response: HashResponse = { id: request.id, ok: true, kind: 'file', checksum }
      scope.postMessage(response)
    }
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error))
    const response: HashResponse = { id: request.id, ok: false, error: { name, message } }
    scope.postMessage(response)
  }
}
