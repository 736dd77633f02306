// Type-checked with moduleResolution "nodenext" and skipLibCheck off: every public entry of every
// package must resolve to real declarations. A type that silently became `any` fails `typed()`.
import { UploadError, type UploadErrorCode, type Uploader, createUploader } from '@uplink/core'
import { countTotals } from '@uplink/core/internal'
import * as providers from '@uplink/providers'
import { createArchetypeProvider } from '@uplink/providers/archetype'
import { createBlaxelProvider } from '@uplink/providers/blaxel'
import { createCogniteProvider } from '@uplink/providers/cognite'
import { createDrimeProvider } from '@uplink/providers/drime'
import { createGjirafaProvider } from '@uplink/providers/gjirafa'
import { createS3Provider } from '@uplink/providers/s3'
import { createTusProvider } from '@uplink/providers/tus'
import { Dropzone, FileList, TotalProgress, UploaderProvider } from '@uplink/react'
import { useServerFiles } from '@uplink/react/query'
import { createS3Signer } from '@uplink/server'

type IsAny<T> = 0 extends 1 & T ? true : false
/** Accepts anything but `any`. */
export function typed<T>(value: IsAny<T> extends true ? never : T): T {
  return value
}

typed(providers)
typed(countTotals)
for (const value of [createArchetypeProvider, createBlaxelProvider, createCogniteProvider, createDrimeProvider, createGjirafaProvider, createTusProvider]) typed(value)
typed(Dropzone)
typed(FileList)
typed(TotalProgress)
typed(UploaderProvider)
typed(useServerFiles)
typed(createS3Signer)

export const uploader: Uploader = typed(createUploader({ provider: typed(createS3Provider({ signerUrl: '/uploads' })) }))
// @ts-expect-error the signer URL is a string: fails to compile only while the types are real
createS3Provider({ signerUrl: 42 })

export function codeOf(error: unknown): UploadErrorCode | undefined {
  return error instanceof UploadError ? typed(error.code) : undefined
}
