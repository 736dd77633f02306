import { useIcons, useMessages } from '../context'
import { useFile } from '../hooks/use-uploader-state'
import { fileKind } from '../thumbnail/file-kind'
import { useThumbnail } from '../thumbnail/use-thumbnail'

export interface ThumbnailProps {
  id: string
  /** Longest side in CSS pixels of the generated preview. */
  size?: number
  className?: string
}

/**
 * A preview of an image file, made off the main thread; for other files (and for an image
 * while its preview is made) an icon of the file's kind: document, video, audio, archive, text.
 * The kind is also on the element as data-kind. Part of the thumbnail's chunk
 * (thumbnail-chunk.ts), which FileItem loads when its first row is drawn.
 */
export function Thumbnail({ id, size = 96, className }: ThumbnailProps) {
  const messages = useMessages()
  const icons = useIcons()
  const file = useFile(id)
  const url = useThumbnail(id, size)
  if (!file) return null
  const kind = fileKind(file)
  if (!url)
    return (
      <span className={className} data-uplink-thumbnail="" data-kind={kind} aria-hidden="true">
        {icons.fileKinds[kind]}
      </span>
    )
  return <img className={className} data-uplink-thumbnail="" data-kind={kind} src={url} alt={messages.thumbnailAlt(file.name)} decoding="async" />
}
