import type { ReactNode } from 'react'

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

/**
 * Each icon is its shapes as compact text, drawn with the same SVG attributes: shapes are
 * separated by "|"; "o cx cy r" is a circle, "r x y width height rx" a rectangle, anything else
 * a path's data. The elements are those hand-written JSX would make, for a fraction of the code.
 */
const svg = (shapes: string) => (
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
    {shapes.split('|').map((shape, key) => {
      const [a, b, c, d, e] = shape.slice(2).split(' ')
      if (shape[0] === 'o') return <circle key={key} cx={a} cy={b} r={c} />
      if (shape[0] === 'r') return <rect key={key} x={a} y={b} width={c} height={d} rx={e} />
      return <path key={key} d={shape} />
    })}
  </svg>
)

// A page outline with a folded corner, and a mark inside for each kind.
const page = (mark = '') => svg('M14 3H7a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2V8z|M14 3v5h5' + mark)
const play = 'M7 4.5v15l12-7.5z'

export const defaultIcons: UplinkIcons = {
  upload: svg('M12 16V4|m7 9 5-5 5 5|M4 16v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3'),
  start: svg(play),
  pause: svg('M9 5v14|M15 5v14'),
  resume: svg(play),
  cancel: svg('M6 6l12 12|M18 6 6 18'),
  retry: svg('M20 12a8 8 0 1 1-2.34-5.66|M20 4v5h-5'),
  remove: svg('M4 7h16|M10 11v6M14 11v6|M6 7l1 12a2 2 0 0 0 2 2h6a2 2 0 0 0 2-2l1-12|M9 7V4h6v3'),
  error: svg('o 12 12 9|M12 7v6|M12 16.5v.01'),
  done: svg('o 12 12 9|m8 12 3 3 5-6'),
  fileKinds: {
    image: page('|o 10 12 1.5|m19 17-4-4-7 7'),
    video: page('|M10 11v6l5-3z'),
    audio: page('|M11 18v-6l4-1v5|o 10 18 1|o 14 16 1'),
    pdf: page('|M8.5 13h7|M8.5 17h4|M8.5 9h2'),
    archive: page('|M10 5h1M10 8h1M10 11h1|r 9 13 3 4 1'),
    text: page('|M8 12h8|M8 15h8|M8 18h5'),
    other: page(),
  },
}

/** The provider's icons with the app's replacements over the defaults (fileKinds merged too). */
export function mergeIcons(overrides: Partial<UplinkIcons> | undefined): UplinkIcons {
  if (!overrides) return defaultIcons
  return { ...defaultIcons, ...overrides, fileKinds: { ...defaultIcons.fileKinds, ...overrides.fileKinds } }
}

/** Text-only controls: `<UploaderProvider icons={false}>`. File kinds keep their icons (they stand in for a thumbnail). */
export const noIcons: UplinkIcons = {
  ...(Object.fromEntries(Object.keys(defaultIcons).map((name) => [name, null])) as Omit<UplinkIcons, 'fileKinds'>),
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
