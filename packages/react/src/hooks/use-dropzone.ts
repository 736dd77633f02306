import { type Restrictions, matchesAccept, parseAccept } from '@uplink/core'
import {
  type ButtonHTMLAttributes,
  type ChangeEvent,
  type ClipboardEvent,
  type DragEvent,
  type FocusEvent,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type MouseEvent,
  type RefObject,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useOptionalUplinkContext } from '../context'
import { type PendingItem, collectFiles, snapshotTransfer } from '../dom/collect-dropped-files'
import { englishMessages } from '../i18n/messages'
import type { AddItem } from './use-add-files'
import type { FileRejection } from './zone-restrictions'

export interface UseDropzoneOptions extends Omit<Restrictions, 'accept'> {
  /**
   * Receives the accepted files. Defaults to adding them to the uploader in context; return
   * further rejections (e.g. from your own checks) to have them reported like the others.
   */
  onFiles?: (items: AddItem[]) => FileRejection[] | undefined | null
  /** Called with every file turned away, and why. */
  onRejected?: (rejections: FileRejection[]) => void
  /** MIME types, wildcards and extensions: "image/*,.pdf" or ["image/*", ".pdf"] (read by core's parseAccept). */
  accept?: string | readonly string[]
  multiple?: boolean
  /** The picker chooses a folder instead of files (drops take folders either way). */
  directory?: boolean
  disabled?: boolean
  /** Take files pasted while focus is in the zone (default on). */
  paste?: boolean
}

type DataAttributes = Record<`data-${string}`, string | undefined>

export interface DropzoneState {
  /** Files are being dragged over the zone. */
  isDragActive: boolean
  /** What is dragged over includes a type that `accept` does not allow. */
  isDragReject: boolean
  /** Dropped folders are being read. */
  isReading: boolean
  /** The zone's button has keyboard focus (mirrored to the zone as data-focus-visible). */
  isFocusVisible: boolean
  /** Files turned away by the last drop, paste or pick. */
  rejections: FileRejection[]
  /** The parsed accept rules (for hints and the input's accept attribute). */
  accept: readonly string[]
  /** Open the system file picker. */
  open: () => void
  /** The drop target: drag and drop, paste, and a click on its empty area opens the picker. */
  getRootProps: (props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement> & DataAttributes
  /** The zone's one keyboard stop: a real button that opens the picker. */
  getButtonProps: (
    props?: ButtonHTMLAttributes<HTMLButtonElement>,
  ) => ButtonHTMLAttributes<HTMLButtonElement> & { ref: RefObject<HTMLButtonElement | null> } & DataAttributes
  getInputProps: () => InputHTMLAttributes<HTMLInputElement> & { ref: RefObject<HTMLInputElement | null> } & DataAttributes
}

/**
 * The code that takes arriving files (take-files.ts) is a chunk of its own, asked for as soon as
 * files are on their way (a drag enters, the picker opens, a paste) and kept once loaded. Should
 * it fail to load, the files are turned away with a reason, and the next attempt asks again.
 */
let intake: Promise<typeof import('./take-files')> | undefined
export const loadIntake = (load: () => Promise<typeof import('./take-files')> = () => import('./take-files')) =>
  (intake ??= load().catch((error: unknown) => {
    intake = undefined
    throw error
  }))

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files')
/** A click that lands on something interactive inside the zone is that element's, not the zone's. */
const INTERACTIVE = 'button, a[href], input, select, textarea, summary, label, [tabindex]'

/**
 * A drop zone in the shape of React Aria's DropZone: the zone takes drops (files and whole
 * folders) and pastes, and holds exactly one keyboard stop, a real button that opens the file
 * picker, so there is no nested interactive control and one Tab reaches it. Clicking the
 * zone's empty area also opens the picker (what mouse users expect of a drop area). State is
 * mirrored to data-* attributes. Files are added from event handlers only, so StrictMode's
 * double effects can never add twice.
 */
export function useDropzone(options: UseDropzoneOptions = {}): DropzoneState {
  const { onFiles, onRejected, multiple = true, directory = false, disabled = false, paste = true } = options
  const { maxFileSize, minFileSize, maxFiles, maxTotalSize, validate } = options
  const context = useOptionalUplinkContext()
  const messages = context?.messages ?? englishMessages
  const locale = context?.locale
  const units = context?.units ?? 'binary'
  const acceptKey = typeof options.accept === 'string' ? options.accept : (options.accept ?? []).join(',')
  const accept = useMemo(() => (acceptKey ? parseAccept(acceptKey) : []), [acceptKey])
  const inputRef = useRef<HTMLInputElement | null>(null)
  const buttonRef = useRef<HTMLButtonElement | null>(null)
  const depth = useRef(0)
  const [isDragActive, setDragActive] = useState(false)
  const [isDragReject, setDragReject] = useState(false)
  const [isFocusVisible, setFocusVisible] = useState(false)
  const [reading, setReading] = useState(0)
  const [rejections, setRejections] = useState<FileRejection[]>([])

  const deliver = useCallback(
    async (items: AddItem[]) => {
      const rules: Restrictions = { accept, maxFileSize, minFileSize, maxFiles: multiple ? maxFiles : 1, maxTotalSize, validate }
      const rejected = await loadIntake().then(
        ({ takeFiles }) => takeFiles(items, rules, context, onFiles, { messages, locale, units }),
        (): FileRejection[] =>
          items.map(({ name, file, relativePath }) => ({ name, size: file.size, code: 'unavailable', message: messages.rejectUnavailable, ...(relativePath ? { relativePath } : {}) })),
      )
      setRejections(rejected)
      if (rejected.length > 0) {
        onRejected?.(rejected)
        const first = rejected[0]!
        context?.announcer.announce(messages.announceRejected(rejected.length, first.name, first.message), 'assertive')
      }
    },
    [accept, maxFileSize, minFileSize, maxFiles, maxTotalSize, validate, multiple, onFiles, onRejected, context, messages, locale, units],
  )

  const deliverPending = useCallback(
    (pending: PendingItem[]) => {
      if (pending.length === 0) return
      setReading((n) => n + 1)
      collectFiles(pending)
        .then(deliver)
        .finally(() => setReading((n) => n - 1))
    },
    [deliver],
  )

  const open = useCallback(() => {
    if (disabled) return
    void loadIntake().catch(() => {})
    inputRef.current?.click()
  }, [disabled])

  const resetDrag = () => {
    depth.current = 0
    setDragActive(false)
    setDragReject(false)
  }

  const getRootProps: DropzoneState['getRootProps'] = (props = {}) => ({
    ...props,
    'data-drag-active': isDragActive ? '' : undefined,
    'data-drag-reject': isDragReject ? '' : undefined,
    'data-reading': reading > 0 ? '' : undefined,
    'data-rejected': rejections.length > 0 ? '' : undefined,
    'data-disabled': disabled ? '' : undefined,
    'data-focus-visible': isFocusVisible ? '' : undefined,
    onClick: (event: MouseEvent<HTMLElement>) => {
      props.onClick?.(event)
      if (event.defaultPrevented || disabled) return
      const target = event.target as Element
      if (target !== event.currentTarget && target.closest(INTERACTIVE)) return
      buttonRef.current?.focus()
      open()
    },
    onPaste: (event: ClipboardEvent<HTMLElement>) => {
      props.onPaste?.(event)
      if (disabled || !paste || !event.clipboardData || event.clipboardData.files.length === 0) return
      event.preventDefault()
      deliverPending(snapshotTransfer(event.clipboardData))
    },
    onDragEnter: (event: DragEvent<HTMLElement>) => {
      props.onDragEnter?.(event)
      if (disabled || !hasFiles(event)) return
      event.preventDefault()
      void loadIntake().catch(() => {})
      depth.current++
      setDragActive(true)
      const types = Array.from(event.dataTransfer.items ?? []).filter((item) => item.kind === 'file').map((item) => item.type)
      setDragReject(types.some((type) => !typeMayMatch(type, accept)) || (!multiple && types.length > 1))
    },
    onDragOver: (event: DragEvent<HTMLElement>) => {
      props.onDragOver?.(event)
      if (disabled || !hasFiles(event)) return
      event.preventDefault()
      event.dataTransfer.dropEffect = 'copy'
    },
    onDragLeave: (event: DragEvent<HTMLElement>) => {
      props.onDragLeave?.(event)
      if (disabled || !hasFiles(event)) return
      // Moving over a child fires dragleave on the root too; count enters and leaves.
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) resetDrag()
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      props.onDrop?.(event)
      event.preventDefault()
      resetDrag()
      if (disabled || !event.dataTransfer) return
      deliverPending(snapshotTransfer(event.dataTransfer))
    },
  })

  const getButtonProps: DropzoneState['getButtonProps'] = (props = {}) => ({
    ...props,
    ref: buttonRef,
    type: 'button',
    disabled,
    onClick: (event: MouseEvent<HTMLButtonElement>) => {
      props.onClick?.(event)
      if (!event.defaultPrevented) open()
    },
    onFocus: (event: FocusEvent<HTMLButtonElement>) => {
      props.onFocus?.(event)
      setFocusVisible(safeMatches(event.currentTarget, ':focus-visible'))
    },
    onBlur: (event: FocusEvent<HTMLButtonElement>) => {
      props.onBlur?.(event)
      setFocusVisible(false)
    },
  })

  const getInputProps: DropzoneState['getInputProps'] = () => ({
    ref: inputRef,
    type: 'file',
    hidden: true,
    tabIndex: -1,
    multiple: multiple || directory,
    ...(accept.length > 0 ? { accept: accept.join(',') } : {}),
    // Not in React's typings; both React 18 and 19 pass it through to the DOM.
    ...(directory ? ({ webkitdirectory: '' } as DataAttributes) : {}),
    disabled,
    'data-uplink-file-input': '',
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const files = Array.from(event.target.files ?? [])
      event.target.value = ''
      if (files.length > 0)
        void deliver(files.map((file) => ({ file, name: file.name, ...(file.webkitRelativePath ? { relativePath: file.webkitRelativePath } : {}) })))
    },
    // The zone opens the picker on click; the input's own click must not bubble back into it.
    onClick: (event: MouseEvent<HTMLInputElement>) => event.stopPropagation(),
  })

  return { isDragActive, isDragReject, isReading: reading > 0, isFocusVisible, rejections, accept, open, getRootProps, getButtonProps, getInputProps }
}

/** jsdom does not know :focus-visible; a keyboard-only signal is not worth a crash there. */
function safeMatches(element: Element, selector: string): boolean {
  try {
    return element.matches(selector)
  } catch {
    return false
  }
}

/**
 * During a drag only MIME types are visible (names come with the drop). Unknown types ("")
 * and extension rules get the benefit of the doubt; the drop itself checks names too.
 */
function typeMayMatch(type: string, accept: readonly string[]): boolean {
  if (accept.length === 0 || type === '') return true
  const mimeRules = accept.filter((rule) => !rule.trim().startsWith('.'))
  if (mimeRules.length < accept.length) return true
  return matchesAccept({ name: '', type }, mimeRules)
}
