import { type CSSProperties, useSyncExternalStore } from 'react'
import { type Announcer, serverAnnouncements } from './announcer'

/**
 * Visually hidden but read aloud. This is the one inline style in the package: hiding from
 * sight while staying in the accessibility tree is behaviour, not theme, and must hold
 * even where no stylesheet is loaded.
 */
const visuallyHidden: CSSProperties = {
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

/** A polite status region that reads out what the announcer queues. */
export function LiveRegion({ announcer }: { announcer: Announcer }) {
  const messages = useSyncExternalStore(announcer.subscribe, announcer.getSnapshot, serverAnnouncements)
  return (
    <div role="status" aria-live="polite" aria-atomic="false" aria-relevant="additions" data-uplink-live-region="" style={visuallyHidden}>
      {messages.map((message) => (
        <div key={message.id}>{message.text}</div>
      ))}
    </div>
  )
}
