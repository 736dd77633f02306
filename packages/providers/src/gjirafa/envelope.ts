import { UploadError } from '@uplink/core'
import { badResponse, expectObject } from '../http/validate'

/**
 * Gjirafa VP wraps every answer in `{success, errors, messages, result, resultInfo, statusCode}`
 * (gjirafa.md §2). A 2xx that says `success: false` is a refusal all the same; the payload is
 * `result`.
 */
export function envelopeResult(answer: unknown, what: string): unknown {
  const envelope = expectObject(answer, what)
  if (!('result' in envelope) && !('success' in envelope)) throw badResponse(`${what} is not a Gjirafa envelope`)
  if (envelope.success === false) {
    const errors = Array.isArray(envelope.errors) ? envelope.errors.filter((e): e is string => typeof e === 'string') : []
    const status = typeof envelope.statusCode === 'number' ? envelope.statusCode : undefined
    throw new UploadError({
      code: 'server-rejected',
      message: `Gjirafa refused ${what}${errors.length ? `: ${errors.join('; ')}` : ''}`,
      ...(status === undefined ? {} : { status }),
    })
  }
  return envelope.result
}

/** One part URL of an initiate or resume answer, by part number. */
export interface PartUrlEntry {
  partNumber: number
  url: string
}

/**
 * Read `presignedUrl`: an array of objects whose URL field is also called `presignedUrl`.
 * Part numbers are echoed (1..N in the docs); a revision shows a `0` placeholder, so when the
 * numbers are not exactly 1..N the array position decides (INFERRED).
 */
export function readPartUrls(value: unknown, partCount: number, what: string): PartUrlEntry[] {
  if (!Array.isArray(value)) throw badResponse(`${what}.presignedUrl is not a list`)
  const entries = value.map((raw, i) => {
    const entry = expectObject(raw, `${what}.presignedUrl[${i}]`)
    if (typeof entry.presignedUrl !== 'string' || !/^https?:\/\//i.test(entry.presignedUrl)) throw badResponse(`${what}.presignedUrl[${i}] has no URL`)
    return { partNumber: typeof entry.partNumber === 'number' ? entry.partNumber : Number.NaN, url: entry.presignedUrl }
  })
  if (entries.length !== partCount) throw badResponse(`${what} gave ${entries.length} part URLs for ${partCount} parts`)
  const numbered = new Set(entries.map((e) => e.partNumber))
  const exact = numbered.size === partCount && entries.every((e) => Number.isInteger(e.partNumber) && e.partNumber >= 1 && e.partNumber <= partCount)
  return exact ? entries : entries.map((e, i) => ({ partNumber: i + 1, url: e.url }))
}
