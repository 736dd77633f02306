import { type Transport, type Uploader, createUploader, selectFiles } from '@uplink/core'
import type { PartHasher } from '@uplink/core/internal'
import { createS3Provider } from '@uplink/providers/s3'
import type { ChecksumChoice } from './protocol'
import { EMULATOR_TOKEN } from './signer-client'

type S3Checksum = NonNullable<Parameters<typeof createS3Provider>[0]['checksum']>

/**
 * The S3 adapter as an app would configure it. `checksum` is passed through as asked
 * ('default' leaves it out); the adapter's own `partChecksum` says what it will really send,
 * which the report shows beside what was asked.
 */
export function s3Provider(signerUrl: string, checksum: ChecksumChoice) {
  const provider = createS3Provider({
    signerUrl,
    getToken: () => EMULATOR_TOKEN,
    ...(checksum === 'default' ? {} : { checksum: checksum as S3Checksum }),
  })
  return { provider, actualChecksum: provider.partChecksum ?? 'none' }
}

export function benchUploader(signerUrl: string, checksum: ChecksumChoice, options: { concurrency: number; partSize?: number; transport?: Transport; hasher?: PartHasher }) {
  const { provider, actualChecksum } = s3Provider(signerUrl, checksum)
  const uploader = createUploader({
    provider,
    concurrency: options.concurrency,
    ...(options.partSize ? { partSize: options.partSize } : {}),
    persistence: false, // no IndexedDB writes: the bench measures the upload path
    ...(options.transport ? { transport: options.transport } : {}),
    ...(options.hasher ? { hasher: options.hasher } : {}),
  })
  return { uploader, actualChecksum }
}

/** Failed or cancelled files after a run; the first error, to say why. */
export function failures(uploader: Uploader): { failed: number; firstError: string | undefined } {
  const files = selectFiles(uploader.store.getState())
  const bad = files.filter((f) => f.status !== 'done')
  return { failed: bad.length, firstError: bad[0]?.error?.message ?? (bad[0] ? `status ${bad[0].status}` : undefined) }
}
