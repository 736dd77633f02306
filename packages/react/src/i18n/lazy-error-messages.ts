import type { UplinkMessages } from './messages'

/**
 * The English error sentences (error-messages.ts) are a chunk of their own: a page where nothing
 * fails never downloads them. The first failure shown (FileError) or announced (announceUploads)
 * asks for them; until they arrive, and for good should the chunk fail to load (offline, a deploy
 * that replaced it), a failure reads `messages.errorFallback`, a correct generic sentence. One
 * copy per page, shared by every provider, which re-render with the precise sentences once they
 * are here.
 */
export type ErrorSentences = UplinkMessages['errors']

let sentences: ErrorSentences | undefined
let loading: Promise<ErrorSentences> | undefined
const listeners = new Set<() => void>()

/** The sentences once loaded, else undefined (a snapshot for useSyncExternalStore). */
export const loadedErrorMessages = (): ErrorSentences | undefined => sentences

/**
 * Load the sentences (once per page: the first call's `load` is the one used); resolves with
 * them, or with none if the chunk failed to load.
 */
export function loadErrorMessages(load: () => Promise<{ errorMessages: ErrorSentences }> = () => import('./error-messages')): Promise<ErrorSentences> {
  loading ??= load()
    .then(
      (module) => module.errorMessages,
      (): ErrorSentences => ({}),
    )
    .then((loaded) => {
      sentences = loaded
      listeners.forEach((listener) => listener())
      return loaded
    })
  return loading
}

/** Called once the sentences are here (a subscribe for useSyncExternalStore). */
export function onErrorMessages(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
