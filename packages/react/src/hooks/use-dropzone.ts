import {
  type ChangeEvent,
  type ClipboardEvent,
  type DragEvent,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type KeyboardEvent,
  type MouseEvent,
  type RefObject,
  useCallback,
  useMemo,
  useRef,
  useState,
} from 'react'
import { useOptionalUplinkContext } from '../context'
import { parseAccept, typeMayMatch } from '../dom/accept'
import { type PendingItem, collectFiles, snapshotTransfer } from '../dom/collect-dropped-files'
import { defaultMessages } from '../i18n/messages'
import { type FileRejection, applyRestrictions } from './restrictions'
import { type AddItem, addItems } from './use-add-files'

export interface UseDropzoneOptions {
  /**
   * Receives the accepted files. Defaults to adding them to the uploader in context; return
   * further rejections (e.g. from your own checks) to have them reported like the others.
   */
  onFiles?: (items: AddItem[]) => FileRejection[] | undefined | null
  /** Called with every file turned away, and why. */
  onRejected?: (rejections: FileRejection[]) => void
  /** MIME types, wildcards and extensions: "image/*,.pdf" or ["image/*", ".pdf"]. */
  accept?: string | readonly string[]
  /** Largest file in bytes. */
  maxSize?: number
  /** Smallest file in bytes. */
  minSize?: number
  /** Most files one drop or pick may add. */
  maxFiles?: number
  multiple?: boolean
  /** The picker chooses a folder instead of files (drops take folders either way). */
  directory?: boolean
  disabled?: boolean
  /** Take files pasted while the zone has focus (default on). */
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
  /** Files turned away by the last drop, paste or pick. */
  rejections: FileRejection[]
  /** Open the system file picker. */
  open: () => void
  getRootProps: (props?: HTMLAttributes<HTMLElement>) => HTMLAttributes<HTMLElement> & DataAttributes
  getInputProps: () => InputHTMLAttributes<HTMLInputElement> & { ref: RefObject<HTMLInputElement | null> } & DataAttributes
}

const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files')

/**
 * Drag and drop (files and whole folders), paste, click and keyboard (Enter / Space) for any
 * element. State is mirrored to data-* attributes so styles need no JavaScript. Files are
 * added from event handlers only, so StrictMode's double effects can never add twice.
 */
export function useDropzone(options: UseDropzoneOptions = {}): DropzoneState {
  const { onFiles, onRejected, maxSize, minSize, maxFiles, multiple = true, directory = false, disabled = false, paste = true } = options
  const context = useOptionalUplinkContext()
  const messages = context?.messages ?? defaultMessages
  const locale = context?.locale
  const acceptKey = typeof options.accept === 'string' ? options.accept : (options.accept ?? []).join(',')
  const accept = useMemo(() => parseAccept(acceptKey), [acceptKey])
  const inputRef = useRef<HTMLInputElement | null>(null)
  const depth = useRef(0)
  const [isDragActive, setDragActive] = useState(false)
  const [isDragReject, setDragReject] = useState(false)
  const [reading, setReading] = useState(0)
  const [rejections, setRejections] = useState<FileRejection[]>([])

  const deliver = useCallback(
    async (items: AddItem[]) => {
      const rules = { accept, maxSize, minSize, maxFiles: multiple ? maxFiles : 1 }
      const { accepted, rejected } = applyRestrictions(items, rules, messages, locale)
      if (accepted.length > 0) {
        if (onFiles) {
          const more = onFiles(accepted)
          if (more) rejected.push(...more)
        } else if (context) {
          const result = await addItems(context.uploader, accepted)
          for (const r of result.rejected) rejected.push({ name: r.name, size: r.size, code: r.error.code, message: r.error.message })
        } else {
          throw new Error('useDropzone needs onFiles, or an <UploaderProvider> above it')
        }
      }
      setRejections(rejected)
      if (rejected.length > 0) {
        onRejected?.(rejected)
        const first = rejected[0]!
        context?.announcer.announce(messages.announceRejected(rejected.length, first.name, first.message))
      }
    },
    [accept, maxSize, minSize, maxFiles, multiple, onFiles, onRejected, context, messages, locale],
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
    if (!disabled) inputRef.current?.click()
  }, [disabled])

  const resetDrag = () => {
    depth.current = 0
    setDragActive(false)
    setDragReject(false)
  }

  const getRootProps: DropzoneState['getRootProps'] = (props = {}) => ({
    ...props,
    role: 'button',
    tabIndex: disabled ? -1 : 0,
    'aria-disabled': disabled || undefined,
    'data-drag-active': isDragActive ? '' : undefined,
    'data-drag-reject': isDragReject ? '' : undefined,
    'data-reading': reading > 0 ? '' : undefined,
    'data-rejected': rejections.length > 0 ? '' : undefined,
    'data-disabled': disabled ? '' : undefined,
    onClick: (event: MouseEvent<HTMLElement>) => {
      props.onClick?.(event)
      if (!event.defaultPrevented) open()
    },
    onKeyDown: (event: KeyboardEvent<HTMLElement>) => {
      props.onKeyDown?.(event)
      if (event.defaultPrevented || event.target !== event.currentTarget) return
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault()
        open()
      }
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
    // The root opens the picker on click; the input's own click must not bubble back into it.
    onClick: (event: MouseEvent<HTMLInputElement>) => event.stopPropagation(),
  })

  return { isDragActive, isDragReject, isReading: reading > 0, rejections, open, getRootProps, getInputProps }
}
