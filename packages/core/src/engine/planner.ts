import { UploadError } from '../errors'
import type { PartPlan, ProviderLimits } from '../types'

export const MiB = 1024 * 1024
export const DEFAULT_PART_SIZE = 8 * MiB

/**
 * Decide the part size for a file inside the provider's limits: the requested size, clamped to
 * [minPartSize, maxPartSize], grown (to a whole MiB) when it would need more than maxParts.
 * Throws a typed error, before any request is made, when the file cannot be sent at all.
 */
export function choosePartSize(fileSize: number, limits: ProviderLimits, requested = DEFAULT_PART_SIZE): number {
  if (!Number.isFinite(fileSize) || fileSize < 0) {
    throw new UploadError({ code: 'file-unreadable', message: `The file size ${fileSize} is not a valid size.` })
  }
  if (fileSize > limits.maxFileSize) {
    throw new UploadError({
      code: 'file-too-large',
      message: `The file is ${formatBytes(fileSize)}, larger than the ${formatBytes(limits.maxFileSize)} this storage accepts.`,
    })
  }
  // "Larger than 5 MiB" (Cognite) means the smallest legal non-last part is one byte more.
  const smallest = limits.minPartSize + (limits.minPartSizeExclusive ? 1 : 0)
  let partSize = Math.min(Math.max(requested, smallest, 1), limits.maxPartSize)
  if (Math.ceil(fileSize / partSize) > limits.maxParts) {
    const needed = Math.ceil(fileSize / limits.maxParts)
    partSize = Math.max(partSize, Math.ceil(needed / MiB) * MiB)
    if (partSize > limits.maxPartSize) partSize = Math.max(needed, smallest)
  }
  if (partSize > limits.maxPartSize || Math.ceil(fileSize / partSize) > limits.maxParts) {
    throw new UploadError({
      code: 'too-many-parts',
      message: `The file is ${formatBytes(fileSize)}: it would need more than ${limits.maxParts} parts of at most ${formatBytes(limits.maxPartSize)}.`,
    })
  }
  return partSize
}

/** Split a file into consecutive 1-based parts. A 0-byte file is one empty part where allowed. */
export function planParts(fileSize: number, limits: ProviderLimits, requested = DEFAULT_PART_SIZE): PartPlan[] {
  if (fileSize === 0) {
    if (!limits.allowsEmptyFiles) {
      throw new UploadError({ code: 'file-empty', message: 'The file is empty, and this storage does not accept empty files.' })
    }
    return [{ number: 1, offset: 0, size: 0 }]
  }
  const partSize = choosePartSize(fileSize, limits, requested)
  const parts: PartPlan[] = []
  for (let offset = 0, number = 1; offset < fileSize; offset += partSize, number++) {
    parts.push({ number, offset, size: Math.min(partSize, fileSize - offset) })
  }
  return parts
}

function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`
}
