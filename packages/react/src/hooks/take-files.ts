import type { Restrictions } from '@uplink/core'
import type { UplinkContextValue } from '../context'
import type { ByteUnits } from '../i18n/format'
import type { UplinkMessages } from '../i18n/messages'
import { type AddItem, addItems } from './use-add-files'
import { type FileRejection, applyZoneRestrictions } from './zone-restrictions'

/**
 * What the drop zone does with files that arrive: its own checks (with the reason for each file
 * turned away), then the app's onFiles or the uploader in context, whose own rejections join the
 * others. A chunk of its own, loaded when files first arrive or are about to (a drag enters the
 * zone, the picker opens): a page that never takes a file never downloads it.
 */
export async function takeFiles(
  items: AddItem[],
  rules: Restrictions,
  context: UplinkContextValue | null,
  onFiles: ((items: AddItem[]) => FileRejection[] | undefined | null) | undefined,
  format: { messages: UplinkMessages; locale: string | undefined; units: ByteUnits },
): Promise<FileRejection[]> {
  const totals = context?.uploader.store.getState().totals
  const current = { count: totals?.files ?? 0, totalSize: totals?.bytesTotal ?? 0 }
  const { accepted, rejected } = applyZoneRestrictions(items, rules, current, format)
  if (accepted.length > 0) {
    if (onFiles) {
      const more = onFiles(accepted)
      if (more) rejected.push(...more)
    } else if (context) {
      const result = await addItems(context.uploader, accepted)
      for (const r of result.rejected) rejected.push({ name: r.name, size: r.size, code: r.error.code, message: r.error.message })
    } else {
      throw new Error('useDropzone needs onFiles, or an <UploaderProvider> above it')
    }
  }
  return rejected
}
