import { type IssuedUrl, MiB, type PartPlan, UploadError } from '@uplink/core'
import { COGNITE_LIMITS } from './limits'

/**
 * The Python SDK's part size (cognite.md §4), a good `partSize` for the uploader when files are
 * large: one part under 5 MiB, else max(50 MiB, size / 250) capped at 4000 MiB - 1.
 */
export function cogniteSuggestedPartSize(fileSize: number): number {
  if (fileSize < 5 * MiB) return Math.max(fileSize, 1)
  return Math.min(Math.max(50 * MiB, Math.ceil(fileSize / COGNITE_LIMITS.maxParts)), COGNITE_LIMITS.maxPartSize)
}

/**
 * Check a plan against what `initmultipartupload` and `completemultipartupload` accept, before
 * any request: the count is fixed at initiate and the server would only refuse at completion,
 * after every byte was sent. Returns the `parts` query value.
 */
export function checkCognitePlan(plan: readonly PartPlan[]): number {
  const fail = (message: string) => {
    throw new UploadError({ code: 'too-many-parts', message: `Cognite cannot take this part plan: ${message}.` })
  }
  if (plan.length < 1 || plan.length > COGNITE_LIMITS.maxParts) fail(`${plan.length} parts, it takes 1 to ${COGNITE_LIMITS.maxParts}`)
  plan.forEach((part, index) => {
    if (part.number !== index + 1) fail(`part ${index + 1} is numbered ${part.number}`)
    if (index < plan.length - 1 && part.size <= COGNITE_LIMITS.minPartSize) fail(`part ${part.number} has ${part.size} bytes, non-last parts must exceed 5 MiB`)
    if (part.size > COGNITE_LIMITS.maxPartSize) fail(`part ${part.number} has ${part.size} bytes, parts must stay below 4000 MiB`)
  })
  return plan.length
}

/**
 * Part numbers are 1-based in the engine; Cognite addresses them by position in `uploadUrls`:
 * part i+1 goes to uploadUrls[i]. Every URL dies at `expiresAt` (a week after initiate).
 */
export function partUrlsOf(urls: readonly string[], expiresAt: number): IssuedUrl[] {
  return urls.map((url, index) => ({ number: index + 1, url, expiresAt }))
}
