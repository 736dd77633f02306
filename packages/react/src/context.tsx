import type { Uploader } from '@uplink/core'
import { type ReactNode, createContext, useContext } from 'react'

const UploaderContext = createContext<Uploader | null>(null)

/** Makes one uploader available to the hooks and components below it. */
export function UploaderProvider({ uploader, children }: { uploader: Uploader; children: ReactNode }) {
  return <UploaderContext.Provider value={uploader}>{children}</UploaderContext.Provider>
}

export function useUploader(): Uploader {
  const uploader = useContext(UploaderContext)
  if (!uploader) throw new Error('useUploader must be used inside <UploaderProvider>')
  return uploader
}
