import type { ReactElement, ReactNode } from 'react'

/**
 * The default icons: plain inline SVG in currentColor, 1em square, hidden from assistive
 * technology (every control also has visible text, which is its name). Replace any of them for
 * all components with `<UploaderProvider icons={{ pause: <MyPause /> }}>`, or for one control
 * with its `icon` prop; `null` shows no icon.
 */
export type FileKind = 'image' | 'video' | 'audio' | 'pdf' | 'archive' | 'text' | 'other'

export interface UplinkIcons {
  upload: ReactNode
  start: ReactNode
  pause: ReactNode
  resume: ReactNode
  cancel: ReactNode
  retry: ReactNode
  remove: ReactNode
  error: ReactNode
  done: ReactNode
  /** Shown in place of a thumbnail for files that are not images (and images not yet previewed). */
  fileKinds: Record<FileKind, ReactNode>
}

const svg = (children: ReactElement | ReactElement[]) => (
  <svg
    viewBox="0 0 24 24"
    width="1em"
    height="1em"
    fill="none"
    stroke="currentColor"
    strokeWidth="2"
    strokeLinecap="round"
    strokeLinejoin="round"
    focusable="false"
    aria-hidden="true"
  >
    {children}
  </svg>
)

// A page outline with a folded corner, and a mark inside for each kind.
const page = (mark: ReactElement | ReactElement[] | null) =>
  svg([
    <path key="p" d="M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z" />,
    <path key="c" d="M14 3v5h5" />,
    ...(mark ? [<g key="m">{mark}</g>] : []),
  ])

export const defaultIcons: UplinkIcons = {
  upload: svg([<path key="a" d="M12 16V4" />, <path key="b" d="m7 9 5-5 5 5" />, <path key="c" d="M4 16v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />]),
  start: svg(<path d="M7 4.5v15l12-7.5z" />),
  pause: svg([<path key="a" d="M9 5v14" />, <path key="b" d="M15 5v14" />]),
  resume: svg(<path d="M7 4.5v15l12-7.5z" />),
  cancel: svg([<path key="a" d="M6 6l12 12" />, <path key="b" d="M18 6 6 18" />]),
  retry: svg([<path key="a" d="M20 12a8 8 0 1 1-2.34-5.66" />, <path key="b" d="M20 4v5h-5" />]),
  remove: svg([
    <path key="a" d="M4 7h16" />,
    <path key="b" d="M10 11v6M14 11v6" />,
    <path key="c" d="M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12" />,
    <path key="d" d="M9 7V4h6v3" />,
  ]),
  error: svg([<circle key="a" cx="12" cy="12" r="9" />, <path key="b" d="M12 7v6" />, <path key="c" d="M12 16.5v.01" />]),
  done: svg([<circle key="a" cx="12" cy="12" r="9" />, <path key="b" d="m8 12 3 3 5-6" />]),
  fileKinds: {
    image: page([<circle key="a" cx="10" cy="12" r="1.5" />, <path key="b" d="m19 17-4-4-7 7" />]),
    video: page(<path d="M10 11v6l5-3z" />),
    audio: page([<path key="a" d="M11 18v-6l4-1v5" />, <circle key="b" cx="10" cy="18" r="1" />, <circle key="c" cx="14" cy="16" r="1" />]),
    pdf: page([<path key="a" d="M8.5 13h7" />, <path key="b" d="M8.5 17h4" />, <path key="c" d="M8.5 9h2" />]),
    archive: page([<path key="a" d="M10 5h1M10 8h1M10 11h1" />, <rect key="b" x="9" y="13" width="3" height="4" rx="1" />]),
    text: page([<path key="a" d="M8 12h8" />, <path key="b" d="M8 15h8" />, <path key="c" d="M8 18h5" />]),
    other: page(null),
  },
}

/** The provider's icons with the app's replacements over the defaults (fileKinds merged too). */
export function mergeIcons(overrides: Partial<UplinkIcons> | undefined): UplinkIcons {
  if (!overrides) return defaultIcons
  return { ...defaultIcons, ...overrides, fileKinds: { ...defaultIcons.fileKinds, ...overrides.fileKinds } }
}

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

/** Text-only controls: `<UploaderProvider icons={false}>`. File kinds keep their icons (they stand in for a thumbnail). */
export const noIcons: UplinkIcons = {
  upload: null,
  start: null,
  pause: null,
  resume: null,
  cancel: null,
  retry: null,
  remove: null,
  error: null,
  done: null,
  fileKinds: defaultIcons.fileKinds,
}

/** An icon beside visible text: hidden from assistive technology, since the text is the name. */
export function Icon({ children }: { children: ReactNode }) {
  if (children === null || children === undefined || children === false) return null
  return (
    <span data-uplink-icon="" aria-hidden="true">
      {children}
    </span>
  )
}
