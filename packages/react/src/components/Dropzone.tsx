import type { HTMLAttributes, ReactNode } from 'react'
import { useMessages } from '../context'
import { type DropzoneState, type UseDropzoneOptions, useDropzone } from '../hooks/use-dropzone'
import { type ClassNameProp, type RenderProp, resolveClassName } from '../render'

export type DropzoneRenderState = Omit<DropzoneState, 'getRootProps' | 'getInputProps'>

export interface DropzoneProps extends UseDropzoneOptions {
  className?: ClassNameProp<DropzoneRenderState>
  /** Label content; a function receives the state (drag-over, rejections…). */
  children?: ReactNode | ((state: DropzoneRenderState) => ReactNode)
  /**
   * Accessible name. By default the name is the visible content (WCAG 2.5.3: the name must
   * contain what is shown); set this only if it includes your visible text.
   */
  'aria-label'?: string
  /** Replace the root element; spread the props onto it and render `input` inside. */
  render?: RenderProp<HTMLAttributes<HTMLElement> & { input: ReactNode }, DropzoneRenderState>
}

/**
 * An unstyled drop target: drop files or folders, paste, click or press Enter / Space to pick.
 * State shows as data-drag-active, data-drag-reject, data-reading, data-rejected.
 */
export function Dropzone({ className, children, 'aria-label': ariaLabel, render, ...options }: DropzoneProps) {
  const messages = useMessages()
  const { getRootProps, getInputProps, ...state } = useDropzone(options)
  const input = <input {...getInputProps()} />
  const content =
    typeof children === 'function'
      ? children(state)
      : (children ?? (
          <span data-uplink-dropzone-label="">{state.isDragActive ? messages.dropzoneActive : messages.dropzoneIdle}</span>
        ))
  const rootProps = {
    ...getRootProps(),
    className: resolveClassName(className, state),
    ...(ariaLabel ? { 'aria-label': ariaLabel } : {}),
    'aria-busy': state.isReading || undefined,
    'data-uplink-dropzone': '',
    'data-uplink-focus-fallback': '',
  }
  if (render) return render({ ...rootProps, input, children: content }, state)
  return (
    <div {...rootProps}>
      {input}
      {content}
    </div>
  )
}
