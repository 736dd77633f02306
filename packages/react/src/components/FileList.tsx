import { useFileIds } from '../hooks/use-uploader-state'
import { FileItem } from './FileItem'

export interface FileListProps {
  className?: string
  itemClassName?: string
}

/** The files of the uploader in context, in the order they were added. */
export function FileList({ className, itemClassName }: FileListProps) {
  const ids = useFileIds()
  if (ids.length === 0) return null
  return (
    <ul className={className} data-uplink-file-list="" aria-label="Uploads">
      {ids.map((id) => (
        <FileItem key={id} id={id} {...(itemClassName ? { className: itemClassName } : {})} />
      ))}
    </ul>
  )
}
