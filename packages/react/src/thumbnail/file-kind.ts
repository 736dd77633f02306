import type { FileKind } from '../icons/icons'

// Part of the thumbnail's chunk (thumbnail-chunk.ts), loaded with the first row drawn.

const archiveTypes = /(zip|x-tar|gzip|x-7z|x-rar|x-bzip|x-xz|zstd|x-iso9660|vnd\.rar)/
const archiveExtensions = /\.(zip|tar|gz|tgz|7z|rar|bz2|xz|zst|iso)$/i
const textExtensions = /\.(txt|md|csv|tsv|json|xml|ya?ml|log|ini|toml|html?|css|[cm]?[jt]sx?|py|rs|go|java|c|h|cpp|rb|sh)$/i

/** What kind of file this is, from its MIME type and, where that says nothing, its name. */
export function fileKind(file: { name: string; type: string }): FileKind {
  const type = file.type.toLowerCase()
  if (type.startsWith('image/')) return 'image'
  if (type.startsWith('video/')) return 'video'
  if (type.startsWith('audio/')) return 'audio'
  if (type === 'application/pdf' || /\.pdf$/i.test(file.name)) return 'pdf'
  if (archiveTypes.test(type) || archiveExtensions.test(file.name)) return 'archive'
  if (type.startsWith('text/') || type === 'application/json' || textExtensions.test(file.name)) return 'text'
  if (!type && /\.(png|jpe?g|gif|webp|avif|heic|svg)$/i.test(file.name)) return 'image'
  if (!type && /\.(mp4|mov|webm|mkv|avi)$/i.test(file.name)) return 'video'
  if (!type && /\.(mp3|wav|ogg|flac|m4a|aac)$/i.test(file.name)) return 'audio'
  return 'other'
}
