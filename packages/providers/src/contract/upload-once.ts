import { type FileInput, type UploadFileState, type UploaderOptions, createUploader, selectFiles } from '@uplink/core'
import { afterEach, beforeEach } from 'vitest'
import type { EmulatorClient } from './emulator-client'

/** Helpers shared by the vendor-specific contract tests (the generic suite is provider-contract.ts). */

/** Retries quick enough for tests that inject a fault or two. */
export const fastRetry = { baseDelayMs: 20, maxDelayMs: 200 }

/** One file through a fresh uploader (no persistence unless asked), to the end; its final state. */
export async function uploadOnce(options: UploaderOptions, input: FileInput): Promise<UploadFileState> {
  const uploader = createUploader({ persistence: false, retry: fastRetry, ...options })
  try {
    const { ids } = await uploader.addFiles([input])
    await uploader.whenIdle()
    return selectFiles(uploader.store.getState()).find((f) => f.id === ids[0])!
  } finally {
    uploader.dispose()
  }
}

/** No fault or logged request carries over from one test to the next. */
export function useCleanEmulator(emulator: EmulatorClient): void {
  beforeEach(async () => {
    await emulator.clearFaults()
    await emulator.clearLog()
  })
  afterEach(() => emulator.clearFaults())
}
