import { type UploadProvider, createUploader } from '@uplink/core'

/**
 * An uploader for stories: files are added and shown, but nothing is sent
 * (autoStart is off and the provider refuses to run), so stories need no server.
 */
const inertProvider: UploadProvider = {
  name: 'story',
  limits: { minPartSize: 1, maxPartSize: 1 << 30, maxParts: 10_000, maxFileSize: 1 << 40, allowsEmptyFiles: true },
  createUpload: () => Promise.reject(new Error('stories do not upload')),
  partRequest: () => Promise.reject(new Error('stories do not upload')),
  partReceipt: () => {
    throw new Error('stories do not upload')
  },
  completeUpload: () => Promise.reject(new Error('stories do not upload')),
  abortUpload: () => Promise.resolve(),
}

export const createStoryUploader = () => createUploader({ provider: inertProvider, autoStart: false })
