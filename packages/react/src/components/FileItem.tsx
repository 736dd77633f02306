import { fileProgress } from '@uplink/core'
import { formatBytes } from '../format'
import { useFile } from '../hooks/use-uploader-state'
import { ProgressBar } from './ProgressBar'

export interface FileItemProps {
  id: string
  className?: string
}

/** One file: name, size, status, progress and, when it failed, why. */
export function FileItem({ id, className }: FileItemProps) {
  const file = useFile(id)
  if (!file) return null
  const progress = fileProgress(file)
  return (
    <li className={className} data-uplink-file="" data-status={file.status}>
      <span data-uplink-file-name="">{file.name}</span> <span data-uplink-file-size="">{formatBytes(file.size)}</span>{' '}
      <span data-uplink-file-status="">{file.status}</span>
      <ProgressBar value={progress} label={`Upload of ${file.name}`} />
      {file.error ? (
        <span role="alert" data-uplink-file-error="">
          {file.error.message}
        </span>
      ) : null}
    </li>
  )
}
