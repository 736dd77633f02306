/** One thing the signer wants the app to know; the client only ever sees `code` and `requestId`. */
export interface SignerLogEntry {
  level: 'info' | 'warn' | 'error'
  /** What happened: 'request-refused', 'request-failed', 'signer-public'. */
  event: string
  message: string
  requestId?: string
  method?: string
  path?: string
  status?: number
  code?: string
  /** The caller, when authorize said who it is. */
  identity?: string
  /** The internal detail the client was not told (S3 error, exception text). */
  detail?: string
  error?: unknown
}

export type SignerLog = (entry: SignerLogEntry) => void

/** Warnings and errors to the console; refusals (4xx, the client's doing) are left out. */
export const defaultLog: SignerLog = (entry) => {
  if (entry.level === 'info') return
  const line = [entry.message, entry.requestId && `request ${entry.requestId}`, entry.detail].filter(Boolean).join(' | ')
  if (entry.level === 'error') console.error(line)
  else console.warn(line)
}
