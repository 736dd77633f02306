import { type Transport, type UploadProvider, createUploader } from '@uplink/core'

/**
 * An uploader made the way an app makes one, through @uplink/core's public API only, with an
 * in-memory provider and transport instead of a network: a file added to it uploads to done.
 */
export function inMemoryUploader(options: { autoStart?: boolean } = {}) {
  const provider: UploadProvider<{ name: string }> = {
    name: 'in-memory',
    limits: { minPartSize: 1, maxPartSize: 1024 ** 3, maxParts: 10_000, maxFileSize: 1024 ** 4, allowsEmptyFiles: true },
    createUpload: async (file) => ({ session: { name: file.name } }),
    partRequest: async (session, part) => ({ method: 'PUT', url: `memory://${encodeURIComponent(session.name)}/${part.number}`, headers: {} }),
    partReceipt: (_session, part) => ({ number: part.number, size: part.size }),
    completeUpload: async (session) => ({ key: session.name, url: `memory://${encodeURIComponent(session.name)}` }),
  }
  const transport: Transport = async (_request, body, { onProgress }) => {
    onProgress?.(body.size)
    return { status: 200, body: '', header: () => null }
  }
  return createUploader({ provider, transport, persistence: false, ...options })
}
