import { UploadError } from '../errors'
import { matchesAccept, parseAccept } from './accept'

export interface Restrictions {
  /** Largest file, bytes. */
  maxFileSize?: number
  /** Smallest file, bytes (e.g. 1 to refuse empty files). */
  minFileSize?: number
  /** Most files in the uploader at once (cancelled files do not count). */
  maxFiles?: number
  /** Most bytes across all files in the uploader. */
  maxTotalSize?: number
  /** Accepted types: MIME types ("image/png"), wildcards ("image/*") or extensions (".pdf"), as a list or comma-separated. */
  accept?: string | readonly string[]
  /** Your own rule: return a reason to refuse the file, or nothing to accept it. */
  validate?: (file: { name: string; size: number; type: string }) => string | undefined | null
}

export interface Candidate {
  name: string
  size: number
  type: string
}

/**
 * Check one candidate against the restrictions, given what is already in the uploader.
 * Returns the reason as a typed error, or undefined when the file is accepted.
 */
export function checkRestrictions(
  file: Candidate,
  restrictions: Restrictions,
  current: { count: number; totalSize: number },
): UploadError | undefined {
  const refuse = (message: string, code: 'restricted' | 'file-too-large' | 'file-empty' = 'restricted') =>
    new UploadError({ code, message })
  const { maxFileSize, minFileSize, maxFiles, maxTotalSize, accept, validate } = restrictions
  if (!matchesAccept(file, accept)) {
    return refuse(`${file.name} is not an accepted type (${parseAccept(accept).join(', ')}).`)
  }
  if (maxFileSize !== undefined && file.size > maxFileSize) {
    return refuse(`${file.name} is larger than the ${maxFileSize}-byte limit.`, 'file-too-large')
  }
  if (minFileSize !== undefined && file.size < minFileSize) {
    return refuse(
      file.size === 0 ? `${file.name} is empty.` : `${file.name} is smaller than the ${minFileSize}-byte minimum.`,
      file.size === 0 ? 'file-empty' : 'restricted',
    )
  }
  if (maxFiles !== undefined && current.count + 1 > maxFiles) {
    return refuse(`${file.name} was not added: at most ${maxFiles} files.`)
  }
  if (maxTotalSize !== undefined && current.totalSize + file.size > maxTotalSize) {
    return refuse(`${file.name} was not added: all files together may be at most ${maxTotalSize} bytes.`)
  }
  const custom = validate?.(file)
  if (custom) return refuse(custom)
  return undefined
}
