import { type Restrictions, checkRestrictions, parseAccept } from '@uplink/core'
import { formatBytes, type ByteUnits } from '../i18n/format'
import type { UplinkMessages } from '../i18n/messages'
import type { AddItem } from './use-add-files'

/**
 * Why a file was not added: a stable code to switch on and a sentence to show. 'unavailable':
 * the zone's code for taking files could not be loaded (offline, a deploy that replaced it).
 */
export interface FileRejection {
  name: string
  size: number
  relativePath?: string
  code: 'file-invalid-type' | 'file-too-large' | 'file-too-small' | 'file-empty' | 'too-many-files' | 'total-too-large' | 'invalid' | 'unavailable' | (string & {})
  message: string
}

/** The rules a drop zone applies itself, in core's vocabulary (accept already parsed). */
export type ZoneRestrictions = Restrictions

interface Format {
  messages: UplinkMessages
  locale: string | undefined
  units: ByteUnits
}

/**
 * The rules in the order a person should hear about them, each with its reason. Which rule
 * refuses a file is asked of core one rule at a time (core's checkRestrictions is the only
 * implementation of every rule); React only chooses the sentence.
 */
function reasons(rules: ZoneRestrictions, { messages, locale, units }: Format) {
  const size = (bytes: number) => formatBytes(bytes, locale, units)
  const accept = parseAccept(rules.accept)
  return [
    { rule: { accept }, code: 'file-invalid-type', message: () => messages.rejectType(accept.join(', ')) },
    { rule: { maxFileSize: rules.maxFileSize }, code: 'file-too-large', message: () => messages.rejectTooLarge(size(rules.maxFileSize ?? 0)) },
    { rule: { minFileSize: rules.minFileSize }, code: 'file-too-small', message: (file: { size: number }) => (file.size === 0 ? messages.rejectEmpty : messages.rejectTooSmall(size(rules.minFileSize ?? 0))) },
    { rule: { maxFiles: rules.maxFiles }, code: 'too-many-files', message: () => messages.rejectTooMany(rules.maxFiles ?? 0) },
    { rule: { maxTotalSize: rules.maxTotalSize }, code: 'total-too-large', message: () => messages.rejectTotalTooLarge(size(rules.maxTotalSize ?? 0)) },
    { rule: { validate: rules.validate }, code: 'invalid', message: null },
  ] as const
}

/**
 * The drop zone's own checks, made before anything reaches the engine so a person learns at
 * once why a file was turned away. The uploader's restrictions (if configured) run again after.
 * `current` is what the uploader already holds, for maxFiles and maxTotalSize.
 */
export function applyZoneRestrictions(
  items: readonly AddItem[],
  rules: ZoneRestrictions,
  current: { count: number; totalSize: number },
  format: Format,
): { accepted: AddItem[]; rejected: FileRejection[] } {
  const accepted: AddItem[] = []
  const rejected: FileRejection[] = []
  const checks = reasons(rules, format)
  const held = { ...current }
  for (const item of items) {
    const candidate = { name: item.name, size: item.file.size, type: item.file.type }
    let refusal: FileRejection | undefined
    for (const check of checks) {
      const error = checkRestrictions(candidate, check.rule, held)
      if (!error) continue
      const message = check.message ? check.message(candidate) : error.message
      refusal = { name: item.name, size: candidate.size, code: check.code, message, ...(item.relativePath ? { relativePath: item.relativePath } : {}) }
      break
    }
    if (refusal) rejected.push(refusal)
    else {
      accepted.push(item)
      held.count++
      held.totalSize += candidate.size
    }
  }
  return { accepted, rejected }
}
