import { allowedActions } from '@uplink/core'
import { useMemo } from 'react'
import { useUploader } from '../context'
import type { FileActionName } from '../i18n/messages'
import { useFile } from './use-uploader-state'

export type FileAction = FileActionName

const none: Readonly<Record<FileAction, boolean>> = { start: false, pause: false, resume: false, cancel: false, retry: false, remove: false }

/**
 * The actions of one file with what its state allows right now: core's allowedActions (the
 * state machine's table) decides, React only asks. `run` returns whether it acted.
 */
export function useFileActions(id: string) {
  const uploader = useUploader()
  const status = useFile(id)?.status
  return useMemo(
    () => ({
      can: status ? allowedActions(status) : none,
      run: (action: FileAction): boolean => uploader[action](id),
    }),
    [uploader, id, status],
  )
}
