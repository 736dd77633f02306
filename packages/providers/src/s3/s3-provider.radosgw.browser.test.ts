import { createUploader, selectFiles } from '@uplink/core'
import { describe, expect, inject, it } from 'vitest'
import { createS3Provider } from './s3-provider'

// Real Chromium, real engine, real S3 adapter, real signer (Node side, from the project's
// globalSetup), real radosgw: the parts travel from the page to radosgw through presigned URLs,
// which only works if radosgw answers the CORS preflight and exposes ETag.
const MiB = 1024 * 1024
const signerUrl = inject('radosgwSignerUrl')
const signerToken = inject('radosgwSignerToken')

/** Random bytes (getRandomValues fills at most 64 KiB per call). */
function randomFile(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size)
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, offset + 65_536))
  return bytes
}
const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('')

describe('S3 adapter against radosgw (Chromium)', () => {
  it('uploads a 12 MiB file in several parts; radosgw holds exactly its bytes', async () => {
    const bytes = randomFile(12 * MiB + 12_345)
    const expected = hex(await crypto.subtle.digest('SHA-256', bytes))
    const uploader = createUploader({
      provider: createS3Provider({ signerUrl, getToken: () => signerToken }),
      partSize: 5 * MiB,
      concurrency: 3,
      persistence: false,
    })
    try {
      const added = await uploader.addFiles([new File([bytes], 'radosgw-browser.bin', { type: 'application/octet-stream' })])
      expect(added.rejected).toEqual([])
      expect(added.ids).toHaveLength(1)
      await uploader.whenIdle()

      const [file] = selectFiles(uploader.store.getState())
      expect(file?.error).toBeUndefined()
      expect(file?.status).toBe('done')
      expect(file?.partsTotal).toBe(3)
      const key = String(file?.result?.key)

      const inspect = await fetch(`${signerUrl}/__inspect?key=${encodeURIComponent(key)}`)
      expect(inspect.status).toBe(200)
      const stored = (await inspect.json()) as { size: number; sha256: string; etag: string }
      expect(stored.size).toBe(bytes.length)
      expect(stored.sha256).toBe(expected)
      // Three parts stored as one multipart object, and the adapter got its real ETag back.
      expect(stored.etag).toMatch(/^"[0-9a-f]{32}-3"$/)
      expect(file?.result?.etag).toBe(stored.etag)
    } finally {
      uploader.dispose()
    }
  })
})
