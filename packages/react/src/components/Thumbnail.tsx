import { useFile } from '../hooks/use-uploader-state'
import { useMessages } from '../context'
import { useThumbnail } from '../thumbnail/use-thumbnail'

export interface ThumbnailProps {
  id: string
  /** Longest side in CSS pixels of the generated preview. */
  size?: number
  className?: string
}

/**
 * A preview of an image file, made off the main thread; an empty placeholder (for layout)
 * while it is being made, and for files that are not images.
 */
export function Thumbnail({ id, size = 96, className }: ThumbnailProps) {
  const messages = useMessages()
  const file = useFile(id)
  const url = useThumbnail(id, size)
  if (!url || !file) return <span className={className} data-uplink-thumbnail="" data-empty="" aria-hidden="true" />
  return <img className={className} data-uplink-thumbnail="" src={url} alt={messages.thumbnailAlt(file.name)} decoding="async" />
}
