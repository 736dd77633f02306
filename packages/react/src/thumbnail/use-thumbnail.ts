import { useEffect, useState } from 'react'
import { useUplinkContext } from '../context'
import { useFile } from '../hooks/use-uploader-state'

/** Images a canvas can draw (an SVG may reference other files and is shown as an icon). */
export const canThumbnail = (type: string) => type.startsWith('image/') && type !== 'image/svg+xml'

/**
 * An object URL of a small preview of an image file, or undefined (not an image, not ready,
 * or the Blob is unknown). The URL is revoked when the file, the size or the component changes.
 */
export function useThumbnail(id: string, size = 96): string | undefined {
  const { uploader } = useUplinkContext()
  const type = useFile(id)?.type ?? ''
  const [url, setUrl] = useState<{ key: string; url: string } | undefined>(undefined)
  const key = `${id}:${size}`

  useEffect(() => {
    const blob = uploader.getFile(id)
    if (!blob || !canThumbnail(type)) return
    let cancelled = false
    let objectUrl: string | undefined
    // The preview code (worker start-up, main-thread fallback) is a chunk of its own, loaded
    // with the first image: a page of documents never downloads it.
    import('./thumbnail-maker')
      .then(({ makeThumbnail }) => makeThumbnail(blob, size))
      .then(
        (thumb) => {
          if (cancelled) return
          objectUrl = URL.createObjectURL(thumb)
          setUrl({ key: `${id}:${size}`, url: objectUrl })
        },
        () => {},
      )
    return () => {
      cancelled = true
      if (objectUrl) URL.revokeObjectURL(objectUrl)
    }
  }, [uploader, id, size, type])

  return url?.key === key ? url.url : undefined
}
