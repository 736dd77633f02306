import type { PartPlan, PartReceipt } from '@uplink/core'

/**
 * After a HEAD says the server holds `offset` bytes: the parts wholly below it are done, a part
 * the offset falls inside is split at the offset (the server keeps what arrived of a broken
 * PATCH, tus.md §2.4), and the rest is sent as planned. Parts are renumbered 1..n in order;
 * receipts carry the offset after each done part as their token.
 */
export function planFromOffset(plan: readonly PartPlan[], offset: number): { plan: PartPlan[]; done: PartReceipt[] } {
  const pieces: Array<{ offset: number; size: number; done: boolean }> = []
  for (const part of plan) {
    const end = part.offset + part.size
    if (end <= offset) {
      pieces.push({ offset: part.offset, size: part.size, done: true })
    } else if (part.offset < offset) {
      pieces.push({ offset: part.offset, size: offset - part.offset, done: true })
      pieces.push({ offset, size: end - offset, done: false })
    } else {
      pieces.push({ offset: part.offset, size: part.size, done: false })
    }
  }
  const next = pieces.map((p, i) => ({ number: i + 1, offset: p.offset, size: p.size }))
  const done = pieces.flatMap((p, i) => (p.done ? [{ number: i + 1, size: p.size, token: String(p.offset + p.size) }] : []))
  return { plan: next, done }
}
