import { useSyncExternalStore } from 'react'

/**
 * Whether the primary pointer is coarse (a finger on a phone or tablet), from the
 * `(pointer: coarse)` media query, kept up to date (a tablet may gain a mouse). Copy that
 * speaks of dragging and pasting is wrong there. False on the server and during hydration, so
 * server HTML and the first client render agree; the client then re-renders with the real value.
 */
const QUERY = '(pointer: coarse)'

const media = () => (typeof window !== 'undefined' && typeof window.matchMedia === 'function' ? window.matchMedia(QUERY) : null)

function subscribe(onChange: () => void): () => void {
  const list = media()
  list?.addEventListener('change', onChange)
  return () => list?.removeEventListener('change', onChange)
}

const getSnapshot = () => media()?.matches ?? false
const getServerSnapshot = () => false

export function useCoarsePointer(): boolean {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot)
}
