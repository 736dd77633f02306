import type { FileStatus, SerializedUploadError, UploadErrorCode } from '@uplink/core'
import { plural } from './format'

/**
 * Every string the components show or announce. Pass a partial object to
 * <UploaderProvider messages={...}> to translate or reword any of them (`status`, `errors` and
 * `actions` merge key by key). Functions receive numbers as numbers (choose plural forms with
 * `plural()` or your i18n library) and sizes, speeds and times already formatted for the locale.
 */
export type FileActionName = 'start' | 'pause' | 'resume' | 'cancel' | 'retry' | 'remove'
export type BulkActionName = 'pauseAll' | 'resumeAll' | 'cancelAll' | 'retryAll' | 'clearFinished'

export interface UplinkMessages {
  /** The drop zone's text where people can drag and paste (a mouse or trackpad). */
  dropzoneLabel: string
  /** The drop zone's text on touch screens, where nobody drags or pastes files. */
  dropzoneLabelTouch: string
  /** While files are dragged over the zone. */
  dropzoneActive: string
  /** While what is dragged over includes files the zone does not take. */
  dropzoneReject: string
  /** The zone's one button (and the UploadButton's default text). */
  chooseFiles: string
  chooseFolder: string
  /** What the zone takes, under its text; values arrive formatted (undefined when not restricted). */
  dropzoneHint: (limits: { accept: string | undefined; maxFileSize: string | undefined; maxFiles: number | undefined }) => string
  fileListLabel: string
  fileListEmpty: string
  totalProgressLabel: string
  /** "3 of 10 files uploaded" */
  totalFiles: (values: { done: number; files: number }) => string
  /** "2 failed": shown only when some failed. */
  totalFailed: (failed: number) => string
  /** "1 cancelled": shown only when some were cancelled. */
  totalCancelled: (cancelled: number) => string
  /** "4 MiB of 12 MiB" */
  bytesOf: (values: { sent: string; total: string }) => string
  /** The accessible value of a progress bar: "42%, 4 MiB of 12 MiB". */
  progressValue: (values: { percent: string; sent: string; total: string }) => string
  fileProgressLabel: (name: string) => string
  status: Record<FileStatus, string>
  /** Status of a file paused because the browser went offline. */
  pausedOffline: string
  speed: (speed: string) => string
  timeLeft: (time: string) => string
  /** Visible text of each per-file control. */
  actions: Record<FileActionName, string>
  /**
   * Read after a per-file control's visible text, hidden from sight: the accessible name begins
   * with what is shown, so speech users can say what they see ("Cancel") and screen reader users
   * learn which file ("Cancel photo.jpg").
   */
  actionFile: (fileName: string) => string
  bulkActionsLabel: string
  bulkActions: Record<BulkActionName, string>
  /**
   * What went wrong, in plain words, per error code. Under a provider the English sentences
   * arrive with the first failure (they are a chunk of their own): until then, and for a code
   * without a sentence, `errorFallback` is shown. An app's own sentences are there at once.
   */
  errors: Partial<Record<UploadErrorCode, string>>
  /** For a code without a sentence (yet): a correct, generic one. */
  errorFallback: string
  errorDetails: string
  errorCode: string
  errorHttpStatus: string
  errorTechnicalMessage: string
  /** Live announcements: polite for progress, assertive for failures. */
  announceAdded: (count: number, firstName: string) => string
  announceDone: (count: number, firstName: string) => string
  announceFailed: (count: number, firstName: string, reason: string) => string
  announceAllDone: (values: { done: number; failed: number; cancelled: number }) => string
  announceRejected: (count: number, firstName: string, reason: string) => string
  thumbnailAlt: (name: string) => string
  /** Why the drop zone turned a file away (sizes arrive formatted). */
  rejectType: (accept: string) => string
  rejectTooLarge: (max: string) => string
  rejectTooSmall: (min: string) => string
  rejectEmpty: string
  rejectTooMany: (max: number) => string
  rejectTotalTooLarge: (max: string) => string
  /** When the drop zone's code for taking files could not be loaded (offline): nothing was added. */
  rejectUnavailable: string
  /** After the first few rejections listed in the zone: "and 12 more". */
  rejectedMore: (count: number) => string
  offline: string
}

const en = 'en'
const files = (count: number) => plural(count, { one: 'file', other: 'files' }, en)

/**
 * The English messages but for the per-code error sentences: what a provider starts from
 * (lazy-error-messages.ts brings the sentences when the first failure needs them).
 */
export const englishMessages: UplinkMessages = {
  errors: {},
  dropzoneLabel: 'Drop files here or paste them',
  dropzoneLabelTouch: 'Add files from this device',
  dropzoneActive: 'Drop to add them',
  dropzoneReject: 'Some of these files cannot be added here',
  chooseFiles: 'Choose files',
  chooseFolder: 'Choose a folder',
  dropzoneHint: ({ accept, maxFileSize, maxFiles }) =>
    [accept ? `Accepted: ${accept}` : '', maxFileSize ? `up to ${maxFileSize} each` : '', maxFiles ? `at most ${maxFiles} ${files(maxFiles)}` : '']
      .filter(Boolean)
      .join(', '),
  fileListLabel: 'Uploads',
  fileListEmpty: 'No files yet',
  totalProgressLabel: 'Total upload progress',
  totalFiles: ({ done, files: count }) => `${done} of ${count} ${files(count)} uploaded`,
  totalFailed: (failed) => `${failed} failed`,
  totalCancelled: (cancelled) => `${cancelled} cancelled`,
  bytesOf: ({ sent, total }) => `${sent} of ${total}`,
  progressValue: ({ percent, sent, total }) => `${percent}, ${sent} of ${total}`,
  fileProgressLabel: (name) => `Upload of ${name}`,
  status: {
    queued: 'Waiting',
    preparing: 'Preparing',
    uploading: 'Uploading',
    retrying: 'Retrying',
    completing: 'Finishing',
    paused: 'Paused',
    done: 'Uploaded',
    error: 'Failed',
    cancelled: 'Cancelled',
  },
  pausedOffline: 'Paused while offline',
  speed: (speed) => speed,
  timeLeft: (time) => `${time} left`,
  actions: { start: 'Start', pause: 'Pause', resume: 'Resume', cancel: 'Cancel', retry: 'Retry', remove: 'Remove' },
  actionFile: (fileName) => fileName,
  bulkActionsLabel: 'All files',
  bulkActions: { pauseAll: 'Pause all', resumeAll: 'Resume all', cancelAll: 'Cancel all', retryAll: 'Retry failed', clearFinished: 'Clear finished' },

  errorFallback: 'The upload failed. Retry in a moment.',
  errorDetails: 'Technical details',
  errorCode: 'Code',
  errorHttpStatus: 'HTTP status',
  errorTechnicalMessage: 'Message',
  announceAdded: (count, first) => (count === 1 ? `${first} added` : `${count} ${files(count)} added`),
  announceDone: (count, first) => (count === 1 ? `${first} uploaded` : `${count} ${files(count)} uploaded`),
  announceFailed: (count, first, reason) => (count === 1 ? `${first} failed: ${reason}` : `${count} ${files(count)} failed. ${reason}`),
  announceAllDone: ({ done, failed, cancelled }) =>
    [`All uploads finished: ${done} uploaded`, failed ? `${failed} failed` : '', cancelled ? `${cancelled} cancelled` : ''].filter(Boolean).join(', ') + '.',
  announceRejected: (count, first, reason) => (count === 1 ? `${first} not added: ${reason}` : `${count} ${files(count)} not added. ${first}: ${reason}`),
  thumbnailAlt: (name) => `Preview of ${name}`,
  rejectType: (accept) => `This type of file is not accepted here (accepted: ${accept}).`,
  rejectTooLarge: (max) => `This file is larger than ${max}.`,
  rejectTooSmall: (min) => `This file is smaller than ${min}.`,
  rejectEmpty: 'This file is empty.',
  rejectTooMany: (max) => `Only ${max} ${files(max)} can be added.`,
  rejectTotalTooLarge: (max) => `All files together may be at most ${max}.`,
  rejectUnavailable: 'This file could not be added right now. Check your connection, then try again.',
  rejectedMore: (count) => `and ${count} more not added`,
  offline: 'You are offline. Uploads continue when the connection is back.',
}

/** `messages` with these error sentences under the ones it has. */
export function withErrors(messages: UplinkMessages, errors: UplinkMessages['errors']): UplinkMessages {
  return { ...messages, errors: { ...errors, ...messages.errors } }
}

/** The sentence to show for a failed file: the app's wording for its code, else a plain fallback. */
export function errorText(messages: UplinkMessages, error: Pick<SerializedUploadError, 'code'>): string {
  return messages.errors[error.code] ?? messages.errorFallback
}

type Keyed = 'status' | 'errors' | 'actions' | 'bulkActions'

/** What an app passes to translate or reword: any message, and any single key of the keyed ones. */
export type UplinkMessageOverrides = Partial<Omit<UplinkMessages, Keyed>> & { [K in Keyed]?: Partial<UplinkMessages[K]> }

/** `overrides` over `base`; the keyed groups merge key by key. */
export function mergeOver(base: UplinkMessages, overrides: UplinkMessageOverrides | undefined): UplinkMessages {
  if (!overrides) return base
  return {
    ...base,
    ...overrides,
    status: { ...base.status, ...overrides.status },
    errors: { ...base.errors, ...overrides.errors },
    actions: { ...base.actions, ...overrides.actions },
    bulkActions: { ...base.bulkActions, ...overrides.bulkActions },
  }
}
