import type { Uploader } from '@uplink/core'
import { type ReactNode, createContext, useContext, useEffect, useMemo, useRef, useState } from 'react'
import { announceUploads } from './a11y/announce-uploads'
import { type Announcer, createAnnouncer } from './a11y/announcer'
import { LiveRegion } from './a11y/LiveRegion'
import { type UplinkMessages, mergeMessages } from './i18n/messages'

export interface UplinkContextValue {
  uploader: Uploader
  messages: UplinkMessages
  /** BCP 47 tag for Intl formatting; undefined = the browser's. */
  locale: string | undefined
  announcer: Announcer
}

const UplinkContext = createContext<UplinkContextValue | null>(null)

export interface UploaderProviderProps {
  uploader: Uploader
  /** Replace any user-facing string (partial: the rest stay English). */
  messages?: Partial<UplinkMessages>
  locale?: string
  /** Render the shared live region (default). Turn off only when you announce yourself. */
  announce?: boolean
  children: ReactNode
}

/**
 * Makes one uploader, its strings and its live region available to the hooks and components
 * below. Renders nothing of its own but a visually hidden status region.
 */
export function UploaderProvider({ uploader, messages, locale, announce = true, children }: UploaderProviderProps) {
  // Created once per provider; StrictMode's double render reuses the first.
  const [announcer] = useState(createAnnouncer)
  const merged = useMemo(() => mergeMessages(messages), [messages])
  const latestMessages = useRef(merged)
  useEffect(() => {
    latestMessages.current = merged
  }, [merged])

  useEffect(() => {
    if (!announce) return
    return announceUploads(uploader.store, announcer, () => latestMessages.current)
  }, [announce, announcer, uploader])
  useEffect(() => () => announcer.dispose(), [announcer])

  const value = useMemo<UplinkContextValue>(
    () => ({ uploader, messages: merged, locale, announcer }),
    [uploader, merged, locale, announcer],
  )
  return (
    <UplinkContext.Provider value={value}>
      {children}
      {announce ? <LiveRegion announcer={announcer} /> : null}
    </UplinkContext.Provider>
  )
}

export function useUplinkContext(): UplinkContextValue {
  const value = useContext(UplinkContext)
  if (!value) throw new Error('Uplink hooks and components must be used inside <UploaderProvider>')
  return value
}

/** The context when there is a provider, else null (for hooks that also work without one). */
export const useOptionalUplinkContext = (): UplinkContextValue | null => useContext(UplinkContext)

export const useUploader = (): Uploader => useUplinkContext().uploader
export const useMessages = (): UplinkMessages => useUplinkContext().messages
export const useLocale = (): string | undefined => useUplinkContext().locale
/** Queue a sentence for the shared live region. */
export const useAnnounce = (): ((text: string) => void) => useUplinkContext().announcer.announce
