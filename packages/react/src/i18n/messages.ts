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
  /** What went wrong, in plain words, per error code. */
  errors: Record<UploadErrorCode, string>
  /** For a code this version does not know yet. */
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
  /** After the first few rejections listed in the zone: "and 12 more". */
  rejectedMore: (count: number) => string
  offline: string
}

const en = 'en'
const files = (count: number) => plural(count, { one: 'file', other: 'files' }, en)

export const defaultMessages: UplinkMessages = {
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
  errors: {
    aborted: 'The upload stopped before it finished. Retry to send it again.',
    network: 'The connection dropped. Check your network, then retry.',
    timeout: 'The server took too long to answer. Retry in a moment.',
    http: 'The server could not take the file. Retry; if it keeps failing, contact support.',
    'server-rejected': 'The server refused this file. Retry, or contact support if it keeps happening.',
    'bad-response': 'The server sent an answer that could not be understood. Retry in a moment.',
    'etag-not-exposed': 'The storage is not set up to confirm uploaded parts. Ask the site’s administrator to check its CORS settings.',
    'checksum-mismatch': 'The file was damaged on the way. Retry the upload.',
    'url-expired': 'The upload link expired. Retry to get a new one.',
    'session-lost': 'The server lost track of this upload. Retry to start it again.',
    'unexpected-redirect': 'The server sent this upload somewhere else, often a sign-in page. Sign in again, then retry.',
    'offset-mismatch': 'The server and this page disagree on how much was sent. Retry to continue.',
    offline: 'You are offline. The upload continues when you are back online.',
    unauthorized: 'You are not allowed to upload here. Sign in again, then retry.',
    'file-empty': 'This file is empty, so there is nothing to upload.',
    'file-too-large': 'This file is larger than allowed here.',
    'too-many-parts': 'This file is too large for this storage.',
    'file-unreadable': 'This file could not be read. It may have been moved or deleted; choose it again.',
    restricted: 'This file is not allowed here.',
    'invalid-option': 'The uploader is not set up correctly. Contact the site’s administrator.',
    'unknown-file': 'This file is no longer in the list.',
    'file-changed': 'This file changed while it was uploading. Choose it again to upload the new version.',
    'worker-unavailable': 'The browser blocked background work this upload needs. Contact the site’s administrator.',
    'csp-blocked': 'The page’s security settings blocked this upload. Contact the site’s administrator.',
    provider: 'The storage service reported a problem. Retry in a moment.',
  },
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
  rejectedMore: (count) => `and ${count} more not added`,
  offline: 'You are offline. Uploads continue when the connection is back.',
}

/** The sentence to show for a failed file: the app's wording for its code, else a plain fallback. */
export function errorText(messages: UplinkMessages, error: Pick<SerializedUploadError, 'code'>): string {
  return messages.errors[error.code] ?? messages.errorFallback
}

type Keyed = 'status' | 'errors' | 'actions' | 'bulkActions'

/** What an app passes to translate or reword: any message, and any single key of the keyed ones. */
export type UplinkMessageOverrides = Partial<Omit<UplinkMessages, Keyed>> & { [K in Keyed]?: Partial<UplinkMessages[K]> }

export function mergeMessages(overrides: UplinkMessageOverrides | undefined): UplinkMessages {
  if (!overrides) return defaultMessages
  return {
    ...defaultMessages,
    ...overrides,
    status: { ...defaultMessages.status, ...overrides.status },
    errors: { ...defaultMessages.errors, ...overrides.errors },
    actions: { ...defaultMessages.actions, ...overrides.actions },
    bulkActions: { ...defaultMessages.bulkActions, ...overrides.bulkActions },
  }
}
