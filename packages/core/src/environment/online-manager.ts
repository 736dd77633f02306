/**
 * Online / offline from the browser, with an SSR guard: listeners attach on first subscribe
 * (TanStack Query's onlineManager is the model). On the server it always says online.
 */
export interface OnlineManager {
  isOnline(): boolean
  subscribe(listener: (online: boolean) => void): () => void
}

export function createBrowserOnlineManager(): OnlineManager {
  const listeners = new Set<(online: boolean) => void>()
  const hasWindow = typeof window !== 'undefined' && typeof window.addEventListener === 'function'
  const isOnline = () => (typeof navigator === 'undefined' || navigator.onLine !== false)
  const notify = () => {
    const online = isOnline()
    for (const listener of listeners) listener(online)
  }
  return {
    isOnline,
    subscribe(listener) {
      if (listeners.size === 0 && hasWindow) {
        window.addEventListener('online', notify)
        window.addEventListener('offline', notify)
      }
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0 && hasWindow) {
          window.removeEventListener('online', notify)
          window.removeEventListener('offline', notify)
        }
      }
    },
  }
}

/** The page's one online manager: window listeners exist only while an uploader listens. */
export const browserOnlineManager: OnlineManager = createBrowserOnlineManager()
