import type { CSSProperties, ReactNode } from 'react'

/**
 * Hidden from sight, read by assistive technology. An inline style on purpose: hiding is
 * behaviour, not theme, and must hold where no stylesheet is loaded.
 */
export const visuallyHiddenStyle: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  margin: -1,
  padding: 0,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: 0,
}

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <span style={visuallyHiddenStyle} data-uplink-visually-hidden="">
      {children}
    </span>
  )
}
