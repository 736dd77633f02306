import { visuallyHiddenStyle } from './visually-hidden'

/**
 * One live announcer per document, shared by every Uplink provider on the page (the idea of
 * React Aria's LiveAnnouncer): two visually hidden log regions, one polite and one assertive,
 * so that two widgets never talk over each other from regions of their own.
 *
 * Each message is its own element (screen readers read additions one by one, never run
 * together) and leaves after `timeoutMs`, by when it has been read: the regions do not grow,
 * and reading the page later does not replay old news. Plain DOM, no React root: it works the
 * same under any React version and costs nothing until something is announced.
 */
export type Assertiveness = 'polite' | 'assertive'

export interface LiveAnnouncer {
  /** Read `text` out: politely (after what is being read) or assertively (now, for failures). */
  announce(text: string, assertiveness?: Assertiveness, timeoutMs?: number): void
  /** Drop messages not yet removed (both regions when no assertiveness is given). */
  clear(assertiveness?: Assertiveness): void
}

/** How long a message stays in its region: long enough for any screen reader to pick it up. */
export const ANNOUNCEMENT_TIMEOUT_MS = 7000

interface Instance {
  node: HTMLElement
  regions: Record<Assertiveness, HTMLElement>
  timers: Set<ReturnType<typeof setTimeout>>
  users: number
}

const instances = new WeakMap<Document, Instance>()

function region(doc: Document, assertiveness: Assertiveness): HTMLElement {
  const element = doc.createElement('div')
  element.setAttribute('role', 'log')
  element.setAttribute('aria-live', assertiveness)
  element.setAttribute('aria-relevant', 'additions')
  element.dataset.uplinkLiveRegion = assertiveness
  return element
}

function ensure(doc: Document): Instance {
  let instance = instances.get(doc)
  if (instance?.node.isConnected) return instance
  const node = doc.createElement('div')
  node.dataset.uplinkLiveAnnouncer = ''
  // Hidden from sight, in the accessibility tree (behaviour, not theme: it must hold where no
  // stylesheet is loaded). Through the CSSOM, not a style attribute: a Content-Security-Policy
  // without 'unsafe-inline' in style-src blocks style attributes (and would show the region), never this.
  Object.assign(node.style, visuallyHiddenStyle)
  const regions = { assertive: region(doc, 'assertive'), polite: region(doc, 'polite') }
  node.append(regions.assertive, regions.polite)
  // First in <body>: some screen readers only track live regions present early in the tree.
  doc.body.prepend(node)
  instance = { node, regions, timers: new Set(), users: instance?.users ?? 0 }
  instances.set(doc, instance)
  return instance
}

function announcerFor(doc: Document): LiveAnnouncer {
  return {
    announce(text, assertiveness = 'polite', timeoutMs = ANNOUNCEMENT_TIMEOUT_MS) {
      if (!text) return
      const instance = ensure(doc)
      const message = doc.createElement('div')
      message.textContent = text
      instance.regions[assertiveness].append(message)
      const timer = setTimeout(() => {
        instance.timers.delete(timer)
        message.remove()
      }, timeoutMs)
      instance.timers.add(timer)
    },
    clear(assertiveness) {
      const instance = instances.get(doc)
      if (!instance) return
      for (const which of assertiveness ? [assertiveness] : (['assertive', 'polite'] as const)) instance.regions[which].replaceChildren()
    },
  }
}

/**
 * Take a share of the document's announcer; `release()` gives it back, and the last one to
 * go removes the regions and their timers. Call in an effect (there is no document on a server).
 */
export function retainAnnouncer(doc: Document = document): { announcer: LiveAnnouncer; release: () => void } {
  const instance = ensure(doc)
  instance.users++
  let released = false
  return {
    announcer: announcerFor(doc),
    release() {
      if (released) return
      released = true
      const current = instances.get(doc)
      if (!current || --current.users > 0) return
      current.timers.forEach(clearTimeout)
      current.node.remove()
      instances.delete(doc)
    },
  }
}

/** The announcer of a document without taking a share (it is created on first use). */
export const liveAnnouncer = (doc: Document = document): LiveAnnouncer => announcerFor(doc)

/** For server rendering and code that runs before mount: announcements go nowhere. */
export const silentAnnouncer: LiveAnnouncer = { announce() {}, clear() {} }
