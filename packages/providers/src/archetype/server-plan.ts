import type { IssuedUrl, PartPlan } from '@uplink/core'
import { badResponse, expectObject } from '../http/validate'
import { isHttpUrl } from '../http/presigned-part'

/** One part descriptor as Archetype returns it (archetypeai.md §3.1, §3.3). */
export interface ArchetypePart {
  number: number
  offset: number
  length: number
  url: IssuedUrl
}

/** Part URLs live an hour unless `expires_at` says otherwise (README rule 6). */
export const URL_LIFETIME_MS = 3_600_000

const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0

/**
 * Read a `parts` array: `{part_number, url, offset, length, expires_at}` each. Part numbers are
 * echoed as given (1-based now, 0-based in older docs); `expires_at` is ISO-8601 UTC, and a
 * missing one means the documented default life of an hour (README rule 6).
 */
export function readParts(value: unknown, what: string): ArchetypePart[] {
  if (!Array.isArray(value)) throw badResponse(`${what}.parts is not a list`)
  return value.map((raw, i) => {
    const part = expectObject(raw, `${what}.parts[${i}]`)
    const { part_number: number, offset, length, url } = part
    if (!isCount(number) || !isCount(offset) || !isCount(length) || !isHttpUrl(url)) {
      throw badResponse(`${what}.parts[${i}] lacks part_number, url, offset or length`)
    }
    const expires = typeof part.expires_at === 'string' ? Date.parse(part.expires_at) : Number.NaN
    return { number, offset, length, url: { number, url, ...(Number.isNaN(expires) ? {} : { expiresAt: expires }) } }
  })
}

/**
 * The server's split of the whole file as the engine's plan: sorted by offset, it must cover
 * [0, size) without gap or overlap and name each part once, or the answer is not trusted.
 * A zero-byte file is one part of length 0.
 */
export function serverPlan(parts: readonly ArchetypePart[], size: number, numParts: number): PartPlan[] {
  if (parts.length !== numParts) throw badResponse(`initiate listed ${parts.length} parts but num_parts is ${numParts}`)
  const plan = [...parts].sort((a, b) => a.offset - b.offset).map((p) => ({ number: p.number, offset: p.offset, size: p.length }))
  checkPlan(plan, size)
  return plan
}

/** Throws unless `plan` tiles [0, size) exactly with distinct part numbers. */
export function checkPlan(plan: readonly PartPlan[], size: number): void {
  if (plan.length === 0) throw badResponse('the part plan is empty')
  let offset = 0
  const numbers = new Set<number>()
  for (const part of plan) {
    if (part.offset !== offset || numbers.has(part.number)) throw badResponse(`the part plan does not tile the file at byte ${offset}`)
    if (part.size === 0 && size !== 0) throw badResponse('the part plan has an empty part')
    numbers.add(part.number)
    offset += part.size
  }
  if (offset !== size) throw badResponse(`the part plan covers ${offset} bytes, not ${size}`)
}
