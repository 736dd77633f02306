/**
 * The part plan of a multipart upload, fixed by the signer from the size the client declared.
 * Same rules as the engine's planner in @uplink/core (the browser plans the same parts when it
 * asks for the same part size), written again here because server code must not import browser
 * code: the requested size clamped to the store's limits, grown to a whole MiB when the file
 * would need more parts than allowed; a 0-byte file is one empty part.
 */

const MiB = 1024 * 1024

export interface PartLimits {
  /** Smallest part but the last (S3: 5 MiB). */
  minPartSize: number
  /** Largest part (S3: 5 GiB). */
  maxPartSize: number
  /** Most parts of one upload (S3: 10,000). */
  maxParts: number
}

export const S3_PART_LIMITS: PartLimits = { minPartSize: 5 * MiB, maxPartSize: 5 * 1024 * MiB, maxParts: 10_000 }
export const DEFAULT_PART_SIZE = 8 * MiB

export interface UploadPlan {
  /** The declared file size, bytes. */
  size: number
  /** Size of every part but the last. */
  partSize: number
  partCount: number
}

/** The plan for a file of `size` bytes, or undefined when no plan within the limits exists. */
export function planUpload(size: number, requestedPartSize: number = DEFAULT_PART_SIZE, limits: PartLimits = S3_PART_LIMITS): UploadPlan | undefined {
  if (!Number.isSafeInteger(size) || size < 0) return undefined
  if (size === 0) return { size, partSize: 0, partCount: 1 }
  let partSize = Math.min(Math.max(requestedPartSize, limits.minPartSize, 1), limits.maxPartSize)
  if (Math.ceil(size / partSize) > limits.maxParts) {
    const needed = Math.ceil(size / limits.maxParts)
    partSize = Math.max(partSize, Math.ceil(needed / MiB) * MiB)
    if (partSize > limits.maxPartSize) partSize = Math.max(needed, limits.minPartSize)
  }
  if (partSize > limits.maxPartSize || Math.ceil(size / partSize) > limits.maxParts) return undefined
  return { size, partSize, partCount: Math.ceil(size / partSize) }
}

/** The exact length of part `number` (1-based) in the plan, or undefined when the plan has no such part. */
export function partLength(plan: UploadPlan, number: number): number | undefined {
  if (!Number.isInteger(number) || number < 1 || number > plan.partCount) return undefined
  if (plan.size === 0) return 0
  return number < plan.partCount ? plan.partSize : plan.size - plan.partSize * (plan.partCount - 1)
}
