import {
  type ChangeEvent,
  type DragEvent,
  type HTMLAttributes,
  type InputHTMLAttributes,
  type KeyboardEvent,
  useCallback,
  useRef,
  useState,
} from 'react'

export interface UseDropzoneOptions {
  onFiles: (files: File[]) => void
  /** Passed to the file input (`accept` attribute): MIME types and extensions. */
  accept?: string
  multiple?: boolean
  disabled?: boolean
}

export interface DropzoneState {
  isDragActive: boolean
  /** Open the system file picker. */
  open: () => void
  getRootProps: () => HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | undefined>
  getInputProps: () => InputHTMLAttributes<HTMLInputElement> & { ref: React.RefObject<HTMLInputElement | null> }
}

/**
 * Drag-and-drop, click and keyboard (Enter / Space) file picking for any element.
 * State is mirrored to data-* attributes so styles need no JavaScript.
 */
export function useDropzone(options: UseDropzoneOptions): DropzoneState {
  const { onFiles, accept, multiple = true, disabled = false } = options
  const inputRef = useRef<HTMLInputElement | null>(null)
  const depth = useRef(0)
  const [isDragActive, setDragActive] = useState(false)

  const open = useCallback(() => {
    if (!disabled) inputRef.current?.click()
  }, [disabled])

  const hasFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files')

  const getRootProps: DropzoneState['getRootProps'] = () => ({
    role: 'button',
    tabIndex: disabled ? -1 : 0,
    'aria-disabled': disabled || undefined,
    'data-drag-active': isDragActive ? '' : undefined,
    'data-disabled': disabled ? '' : undefined,
    onClick: open,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault()
        open()
      }
    },
    onDragEnter: (event: DragEvent) => {
      if (disabled || !hasFiles(event)) return
      event.preventDefault()
      depth.current++
      setDragActive(true)
    },
    onDragOver: (event: DragEvent) => {
      if (disabled || !hasFiles(event)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
    },
    onDragLeave: (event: DragEvent) => {
      if (disabled || !hasFiles(event)) return
      // Leaving a child fires dragleave on the root too; count enters and leaves.
      depth.current = Math.max(0, depth.current - 1)
      if (depth.current === 0) setDragActive(false)
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault()
      depth.current = 0
      setDragActive(false)
      if (disabled) return
      const files = Array.from(event.dataTransfer?.files ?? [])
      if (files.length > 0) onFiles(multiple ? files : files.slice(0, 1))
    },
  })

  const getInputProps: DropzoneState['getInputProps'] = () => ({
    ref: inputRef,
    type: 'file',
    hidden: true,
    tabIndex: -1,
    multiple,
    ...(accept ? { accept } : {}),
    disabled,
    onChange: (event: ChangeEvent<HTMLInputElement>) => {
      const files = Array.from(event.target.files ?? [])
      event.target.value = ''
      if (files.length > 0) onFiles(files)
    },
    // The root handles clicks; stop the input's click from bubbling back into it.
    onClick: (event) => event.stopPropagation(),
  })

  return { isDragActive, open, getRootProps, getInputProps }
}
