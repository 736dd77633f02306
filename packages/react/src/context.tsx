import type { Uploader } from '@uplink/core'
import { type ReactNode, createContext, useContext, useEffect, useMemo, useRef, useSyncExternalStore } from 'react'
import { announceUploads } from './a11y/announce-uploads'
import { type Assertiveness, type LiveAnnouncer, liveAnnouncer, retainAnnouncer, silentAnnouncer } from './a11y/live-announcer'
import type { ByteUnits } from './i18n/format'
import { loadedErrorMessages, onErrorMessages } from './i18n/lazy-error-messages'
import { type UplinkMessageOverrides, type UplinkMessages, englishMessages, mergeOver, withErrors } from './i18n/messages'
import { type UplinkIcons, mergeIcons, noIcons } from './icons/icons'

export interface UplinkContextValue {
  uploader: Uploader
  messages: UplinkMessages
  /** BCP 47 tag for Intl formatting; undefined = the browser's. */
  locale: string | undefined
  /** How sizes and speeds are shown: powers of 1024 (KiB, MiB; the default) or of 1000 (kB, MB). */
  units: ByteUnits
  icons: UplinkIcons
  /** The page's one shared live announcer (polite and assertive regions). */
  announcer: LiveAnnouncer
}

const UplinkContext = createContext<UplinkContextValue | null>(null)

export interface UploaderProviderProps {
  uploader: Uploader
  /** Replace any user-facing string (partial: the rest stay English). */
  messages?: UplinkMessageOverrides
  locale?: string
  /** 'binary' (default: 1 KiB = 1,024 bytes) or 'decimal' (1 kB = 1,000 bytes), for every size and speed shown. */
  units?: ByteUnits
  /** Replace any icon (`null` for none), or `false` for text-only controls everywhere. */
  icons?: Partial<UplinkIcons> | false
  /** Announce added, finished and failed files (default). Turn off only when you announce yourself. */
  announce?: boolean
  children: ReactNode
}

/** Announces through the document's shared announcer; silent where there is no document. */
const documentAnnouncer: LiveAnnouncer = {
  announce: (text: string, assertiveness?: Assertiveness, timeoutMs?: number) => {
    if (typeof document !== 'undefined') liveAnnouncer(document).announce(text, assertiveness, timeoutMs)
  },
  clear: (assertiveness?: Assertiveness) => {
    if (typeof document !== 'undefined') liveAnnouncer(document).clear(assertiveness)
  },
}

const noErrorSentences = () => undefined

/**
 * Makes one uploader, its strings, units and icons available to the hooks and components
 * below. Renders no element of its own; announcements go to the page's one shared live
 * announcer, which this provider holds a share of while mounted.
 */
export function UploaderProvider({ uploader, messages, locale, units = 'binary', icons, announce = true, children }: UploaderProviderProps) {
  // The per-code error sentences join once the first failure has loaded them (none on the server).
  const errorSentences = useSyncExternalStore(onErrorMessages, loadedErrorMessages, noErrorSentences)
  const merged = useMemo(() => {
    const app = mergeOver(englishMessages, messages)
    return errorSentences ? withErrors(app, errorSentences) : app
  }, [messages, errorSentences])
  const latestMessages = useRef(merged)
  useEffect(() => {
    latestMessages.current = merged
  }, [merged])
  const mergedIcons = useMemo(() => (icons === false ? noIcons : mergeIcons(icons)), [icons])

  useEffect(() => {
    const { release } = retainAnnouncer(document)
    return release
  }, [])
  useEffect(() => {
    if (!announce) return
    return announceUploads(uploader, documentAnnouncer, () => latestMessages.current)
  }, [announce, uploader])

  const value = useMemo<UplinkContextValue>(
    () => ({ uploader, messages: merged, locale, units, icons: mergedIcons, announcer: announce ? documentAnnouncer : silentAnnouncer }),
    [uploader, merged, locale, units, mergedIcons, announce],
  )
  return <UplinkContext.Provider value={value}>{children}</UplinkContext.Provider>
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
export const useIcons = (): UplinkIcons => useUplinkContext().icons

/** Sizes and speeds formatted with the provider's locale and unit system. */
export function useByteFormat(): { locale: string | undefined; units: ByteUnits } {
  const { locale, units } = useUplinkContext()
  return { locale, units }
}

/** Announce a sentence through the page's shared live announcer (polite unless told otherwise). */
export const useAnnounce = (): ((text: string, assertiveness?: Assertiveness) => void) => useUplinkContext().announcer.announce
