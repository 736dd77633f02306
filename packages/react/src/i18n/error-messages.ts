import type { UploadErrorCode } from '@uplink/core'

/**
 * What went wrong, in plain words, per error code: the English defaults of `messages.errors`.
 *
 * A chunk of its own (see lazyChunks in vite.config.ts), loaded when the first failure is shown or announced
 * (lazy-error-messages.ts): a page where nothing fails never downloads these sentences. An app
 * that imports `defaultMessages` gets them with it.
 */
export const errorMessages: Record<UploadErrorCode, string> = {
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
  provider: 'The storage service reported a problem. Retry in a moment.',}
