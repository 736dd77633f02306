/// <reference lib="webworker" />
import type { HashRequest, HashResponse } from './protocol'
import { readAndHashPart } from './read-part'

// A module worker: reads a slice of the file and hashes it off the main thread.
// The bytes go back as a transferred ArrayBuffer (no copy).
const scope = self as unknown as DedicatedWorkerGlobalScope

scope.onmessage = async (event: MessageEvent<HashRequest>) => {
  const { id, blob, start, end, algorithms } = event.data
  try {
    const { buffer, checksums } = await readAndHashPart(blob, start, end, algorithms)
    const response: HashResponse = { id, ok: true, buffer, checksums }
    scope.postMessage(response, [buffer])
  } catch (error) {
    const { name, message } = error instanceof Error ? error : new Error(String(error))
    const response: HashResponse = { id, ok: false, error: { name, message } }
    scope.postMessage(response)
  }
}
