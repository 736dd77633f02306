import type { CSSProperties, ReactNode } from 'react'

/**
 * Hidden from sight, read by assistive technology. An inline style on purpose: hiding is
 * behaviour, not theme, and must hold where no stylesheet is loaded. Lengths are strings with
 * their unit, so the same object also serves plain DOM code (the live announcer assigns it to
 * an element's style).
 */
export const visuallyHiddenStyle = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  margin: '-1px',
  padding: '0',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  clipPath: 'inset(50%)',
  whiteSpace: 'nowrap',
  border: '0',
} satisfies CSSProperties & Partial<CSSStyleDeclaration>

export function VisuallyHidden({ children }: { children: ReactNode }) {
  return (
    <span style={visuallyHiddenStyle} data-uplink-visually-hidden="">
      {children}
    </span>
  )
}
