/**
 * A small typed event emitter. Listeners run synchronously, in the order they subscribed; one
 * that throws does not stop the others or the engine (its error is reported to the page).
 */
export interface Emitter<Events extends object> {
  on<Type extends keyof Events>(type: Type, listener: (event: Events[Type]) => void): () => void
  emit<Type extends keyof Events>(type: Type, event: Events[Type]): void
  /** Whether anyone listens to this type (so costly payloads are built only when needed). */
  has(type: keyof Events): boolean
  clear(): void
}

export function createEmitter<Events extends object>(): Emitter<Events> {
  const listeners = new Map<keyof Events, Set<(event: never) => void>>()
  return {
    on(type, listener) {
      let set = listeners.get(type)
      if (!set) listeners.set(type, (set = new Set()))
      // Wrapped so that the same function subscribed twice gets two independent subscriptions.
      const entry = (event: never) => listener(event)
      set.add(entry)
      return () => void set.delete(entry)
    },
    emit(type, event) {
      const set = listeners.get(type)
      if (!set) return
      for (const listener of [...set]) {
        try {
          ;(listener as (payload: Events[typeof type]) => void)(event)
        } catch (error) {
          reportListenerError(error)
        }
      }
    },
    has: (type) => (listeners.get(type)?.size ?? 0) > 0,
    clear: () => listeners.clear(),
  }
}

function reportListenerError(error: unknown): void {
  const report = (globalThis as { reportError?: (error: unknown) => void }).reportError
  if (typeof report === 'function') report(error)
  else
    setTimeout(() => {
      throw error
    })
}
