import type { PartRequest, PartResponse } from '../types'

export interface SendOptions {
  signal: AbortSignal
  /** Called with the bytes of the body sent so far. */
  onProgress?: (loaded: number) => void
  /** Abort and report a timeout when no byte moves for this long (ms). */
  stallTimeoutMs?: number
}

/** Sends one part body. The engine's only way to put bytes on the wire. */
export type Transport = (request: PartRequest, body: Blob, options: SendOptions) => Promise<PartResponse>
