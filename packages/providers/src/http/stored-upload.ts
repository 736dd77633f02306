import type { PartReceipt, StoredUpload } from '@uplink/core'

/**
 * Whether the engine had every planned part acknowledged (a receipt of the planned size, with a
 * part token where the API uses them) when the upload stopped: then it stopped while completing,
 * and a resume must finish the completion (or find it finished), never send the file again.
 */
export function everyPartStored(stored: StoredUpload, withTokens: boolean): boolean {
  const receipts = new Map(stored.receipts.map((r) => [r.number, r]))
  return stored.plan.every((part) => {
    const receipt = receipts.get(part.number)
    return receipt !== undefined && receipt.size === part.size && (!withTokens || Boolean(receipt.token))
  })
}

/** The stored receipts of the planned parts, in plan order. */
export function storedReceipts(stored: StoredUpload): PartReceipt[] {
  const receipts = new Map(stored.receipts.map((r) => [r.number, r]))
  return stored.plan.flatMap((part) => {
    const receipt = receipts.get(part.number)
    return receipt ? [receipt] : []
  })
}
