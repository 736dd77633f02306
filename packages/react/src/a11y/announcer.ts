/**
 * One shared queue of live-region messages per provider (the React Aria LiveAnnouncer idea):
 * components announce through it, and a single <LiveRegion> renders what is current.
 * Each message stays a few seconds, long enough for screen readers to pick it up, then leaves.
 */
export interface Announcement {
  id: number
  text: string
}

export interface Announcer {
  announce(text: string): void
  subscribe(listener: () => void): () => void
  getSnapshot(): readonly Announcement[]
  dispose(): void
}

const none: readonly Announcement[] = []

export function createAnnouncer(lifetimeMs = 7000): Announcer {
  let messages: readonly Announcement[] = none
  let nextId = 1
  const listeners = new Set<() => void>()
  const timers = new Set<ReturnType<typeof setTimeout>>()
  const emit = () => listeners.forEach((listener) => listener())

  return {
    announce(text) {
      const message = { id: nextId++, text }
      messages = [...messages, message]
      emit()
      const timer = setTimeout(() => {
        timers.delete(timer)
        messages = messages.filter((m) => m !== message)
        emit()
      }, lifetimeMs)
      timers.add(timer)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    getSnapshot: () => messages,
    dispose() {
      timers.forEach(clearTimeout)
      timers.clear()
    },
  }
}

/** The server renders an empty region: nothing has happened yet. */
export const serverAnnouncements = () => none
