import { type FileStatus, allowedActions } from '@uplink/core'
import { useMemo } from 'react'
import { useUploader } from '../context'
import { useFile } from './use-uploader-state'

export type FileAction = 'pause' | 'resume' | 'cancel' | 'retry' | 'remove'

/** Which actions make sense in each state (core's rule); the controls show only these. */
export function availableActions(status: FileStatus): Readonly<Record<FileAction, boolean>> {
  return allowedActions(status)
}

/** Pause, resume, cancel, retry and remove for one file, with what is possible right now. */
export function useFileActions(id: string) {
  const uploader = useUploader()
  const status = useFile(id)?.status
  return useMemo(
    () => ({
      can: status ? availableActions(status) : { pause: false, resume: false, cancel: false, retry: false, remove: false },
      run(action: FileAction) {
        uploader[action](id)
      },
    }),
    [uploader, id, status],
  )
}
