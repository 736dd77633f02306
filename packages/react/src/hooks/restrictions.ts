import { formatBytes } from '../i18n/format'
import type { UplinkMessages } from '../i18n/messages'
import { matchesAccept } from '../dom/accept'
import type { AddItem } from './use-add-files'

/** Why a file was not added: a stable code to switch on and a sentence to show. */
export interface FileRejection {
  name: string
  size: number
  relativePath?: string
  code: 'file-invalid-type' | 'file-too-large' | 'file-too-small' | 'too-many-files' | (string & {})
  message: string
}

export interface DropRestrictions {
  accept: readonly string[]
  maxSize: number | undefined
  minSize: number | undefined
  maxFiles: number | undefined
}

/**
 * The drop zone's own checks, made before anything reaches the engine so a person learns at
 * once why a file was turned away. The engine's restrictions (if configured) run again after.
 */
export function applyRestrictions(
  items: readonly AddItem[],
  rules: DropRestrictions,
  messages: UplinkMessages,
  locale: string | undefined,
): { accepted: AddItem[]; rejected: FileRejection[] } {
  const accepted: AddItem[] = []
  const rejected: FileRejection[] = []
  const reject = (item: AddItem, code: FileRejection['code'], message: string) =>
    rejected.push({ name: item.name, size: item.file.size, code, message, ...(item.relativePath ? { relativePath: item.relativePath } : {}) })
  for (const item of items) {
    const size = item.file.size
    if (!matchesAccept({ name: item.name, type: item.file.type }, rules.accept))
      reject(item, 'file-invalid-type', messages.rejectType(rules.accept.join(', ')))
    else if (rules.maxSize !== undefined && size > rules.maxSize)
      reject(item, 'file-too-large', messages.rejectTooLarge(formatBytes(rules.maxSize, locale)))
    else if (rules.minSize !== undefined && size < rules.minSize)
      reject(item, 'file-too-small', messages.rejectTooSmall(formatBytes(rules.minSize, locale)))
    else if (rules.maxFiles !== undefined && accepted.length >= rules.maxFiles)
      reject(item, 'too-many-files', messages.rejectTooMany(rules.maxFiles))
    else accepted.push(item)
  }
  return { accepted, rejected }
}
