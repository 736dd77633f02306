import { UploadError } from '../errors'
import type { FileInfo, PartPlan, PartReceipt } from '../types'

const changed = (message: string) => new UploadError({ code: 'file-changed', message })

/**
 * The file is still the one that was added: same size and modification time (a File's are a
 * snapshot; a kept handle is asked for the file's current ones).
 */
export async function assertFileUnchanged(file: Blob, info: FileInfo, handle?: FileSystemFileHandle): Promise<void> {
  const now = handle ? await handle.getFile().catch(() => undefined) : file
  if (!now) throw changed(`${info.name} can no longer be read from where it was picked.`)
  if (now.size !== info.size) throw changed(`${info.name} is now ${now.size} bytes; it was ${info.size} when it was added.`)
  if (now instanceof File && now.lastModified !== info.lastModified) throw changed(`${info.name} was modified after it was added.`)
}

/** The plan covers the file exactly: parts in order from byte 0, no gap, no overlap, up to its size. */
export function assertPlanCovers(plan: readonly PartPlan[], size: number): void {
  let end = 0
  const numbers = new Set<number>()
  for (const part of [...plan].sort((a, b) => a.offset - b.offset)) {
    if (part.offset !== end || part.size < 0 || numbers.has(part.number)) {
      throw changed(`The part plan does not cover the file exactly (part ${part.number} starts at ${part.offset}, expected ${end}).`)
    }
    numbers.add(part.number)
    end += part.size
  }
  if (end !== size) throw changed(`The parts add up to ${end} bytes but the file has ${size}.`)
}

/**
 * Before `complete`: every part of the plan has a receipt for exactly its planned length, and
 * what was measured while sending (the bytes sliced and read) matches too. "Done" must mean
 * the stored object is exactly the file.
 */
export function assertPartsMatchPlan(plan: readonly PartPlan[], receipts: ReadonlyMap<number, PartReceipt>, measured: ReadonlyMap<number, number>): PartReceipt[] {
  return plan.map((part) => {
    const receipt = receipts.get(part.number)
    if (!receipt) throw new UploadError({ code: 'provider', message: `Part ${part.number} finished without a receipt.` })
    const sent = measured.get(part.number) ?? receipt.size
    if (receipt.size !== part.size || sent !== part.size) {
      throw changed(`Part ${part.number} was ${sent} bytes where the plan has ${part.size}: the file changed while it was uploaded.`)
    }
    return receipt
  })
}
