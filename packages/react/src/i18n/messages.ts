import type { FileStatus, SerializedUploadError, UploadErrorCode } from '@uplink/core'

/**
 * Every string the components show or announce. Pass a partial object to
 * <UploaderProvider messages={...}> to translate or reword any of them; functions receive
 * values already formatted for the active locale.
 */
export interface UplinkMessages {
  dropzoneIdle: string
  dropzoneActive: string
  dropzoneRejected: string
  uploadButton: string
  fileListLabel: string
  fileListEmpty: string
  totalProgressLabel: string
  /** e.g. "3 of 10 files, 4.2 MB of 12 MB" */
  totalSummary: (values: { done: number; files: number; sent: string; total: string }) => string
  fileProgressLabel: (name: string) => string
  status: Record<FileStatus, string>
  speed: (speed: string) => string
  timeLeft: (time: string) => string
  pause: (name: string) => string
  resume: (name: string) => string
  cancel: (name: string) => string
  retry: (name: string) => string
  remove: (name: string) => string
  pauseAll: string
  resumeAll: string
  cancelAll: string
  retryAll: string
  removeAll: string
  /** Readable reasons by error code; the engine's own message is used where none is given. */
  errors: Partial<Record<UploadErrorCode, string>>
  /** Live-region announcements. */
  announceAdded: (count: number, firstName: string) => string
  announceDone: (count: number, firstName: string) => string
  announceFailed: (count: number, firstName: string, reason: string) => string
  announceRejected: (count: number, firstName: string, reason: string) => string
  thumbnailAlt: (name: string) => string
  /** Why the drop zone turned a file away (sizes arrive formatted). */
  rejectType: (accept: string) => string
  rejectTooLarge: (max: string) => string
  rejectTooSmall: (min: string) => string
  rejectTooMany: (max: number) => string
  offline: string
}

const many = (count: number, one: string, other: string) => (count === 1 ? one : other)

export const defaultMessages: UplinkMessages = {
  dropzoneIdle: 'Upload files: drop files or folders here, paste, or choose',
  dropzoneActive: 'Upload files: drop to add them',
  dropzoneRejected: 'Some files cannot be uploaded',
  uploadButton: 'Choose files',
  fileListLabel: 'Uploads',
  fileListEmpty: 'No files yet',
  totalProgressLabel: 'Total upload progress',
  totalSummary: ({ done, files, sent, total }) => `${done} of ${files} files, ${sent} of ${total}`,
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
  speed: (speed) => speed,
  timeLeft: (time) => `${time} left`,
  pause: (name) => `Pause ${name}`,
  resume: (name) => `Resume ${name}`,
  cancel: (name) => `Cancel ${name}`,
  retry: (name) => `Retry ${name}`,
  remove: (name) => `Remove ${name}`,
  pauseAll: 'Pause all',
  resumeAll: 'Resume all',
  cancelAll: 'Cancel all',
  retryAll: 'Retry failed',
  removeAll: 'Clear list',
  errors: {
    network: 'The connection dropped. Check your network and retry.',
    offline: 'You are offline. The upload continues when you are back online.',
    timeout: 'The server stopped answering. Retry in a moment.',
    unauthorized: 'You are not allowed to upload here. Sign in again and retry.',
    'file-too-large': 'This file is larger than allowed.',
    'file-empty': 'This file is empty.',
    'file-unreadable': 'This file could not be read. It may have been moved or deleted.',
    'checksum-mismatch': 'The file changed or was damaged on the way. Retry the upload.',
    'url-expired': 'The upload link expired. Retry to get a new one.',
  },
  announceAdded: (count, first) => (count === 1 ? `${first} added` : `${count} files added`),
  announceDone: (count, first) => (count === 1 ? `${first} uploaded` : `${count} ${many(count, 'file', 'files')} uploaded`),
  announceFailed: (count, first, reason) => (count === 1 ? `${first} failed: ${reason}` : `${count} files failed`),
  announceRejected: (count, first, reason) => (count === 1 ? `${first} not added: ${reason}` : `${count} files not added`),
  thumbnailAlt: (name) => `Preview of ${name}`,
  rejectType: (accept) => `This type of file is not accepted (allowed: ${accept}).`,
  rejectTooLarge: (max) => `This file is larger than ${max}.`,
  rejectTooSmall: (min) => `This file is smaller than ${min}.`,
  rejectTooMany: (max) => `Only ${max} ${many(max, 'file', 'files')} can be added.`,
  offline: 'You are offline. Uploads continue when the connection is back.',
}

/** The sentence to show for a failed file: the app's wording for its code, else the engine's message. */
export function errorText(messages: UplinkMessages, error: Pick<SerializedUploadError, 'code' | 'message'>): string {
  return messages.errors[error.code] ?? error.message
}

export function mergeMessages(overrides: Partial<UplinkMessages> | undefined): UplinkMessages {
  if (!overrides) return defaultMessages
  return {
    ...defaultMessages,
    ...overrides,
    status: { ...defaultMessages.status, ...overrides.status },
    errors: { ...defaultMessages.errors, ...overrides.errors },
  }
}
