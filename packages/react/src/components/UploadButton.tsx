import type { ButtonHTMLAttributes, ReactNode } from 'react'
import { useMessages } from '../context'
import { type DropzoneState, type UseDropzoneOptions, useDropzone } from '../hooks/use-dropzone'
import { type ClassNameProp, type RenderProp, resolveClassName } from '../render'

export type UploadButtonState = Pick<DropzoneState, 'rejections' | 'isReading'>

export interface UploadButtonProps extends Omit<UseDropzoneOptions, 'paste'> {
  className?: ClassNameProp<UploadButtonState>
  children?: ReactNode
  /** Replace the button (spread the props on yours); the hidden input is rendered beside it. */
  render?: RenderProp<ButtonHTMLAttributes<HTMLButtonElement> & Record<`data-${string}`, string | undefined>, UploadButtonState>
}

/** A native button that opens the file (or folder) picker and adds what is chosen. */
export function UploadButton({ className, children, render, disabled, ...options }: UploadButtonProps) {
  const messages = useMessages()
  const { open, getInputProps, rejections, isReading } = useDropzone({ ...options, disabled, paste: false })
  const state = { rejections, isReading }
  const props = {
    type: 'button' as const,
    onClick: open,
    disabled,
    className: resolveClassName(className, state),
    'data-uplink-upload-button': '',
    'data-rejected': rejections.length > 0 ? '' : undefined,
    children: children ?? messages.uploadButton,
  }
  return (
    <>
      {render ? render(props, state) : <button {...props} />}
      <input {...getInputProps()} />
    </>
  )
}
