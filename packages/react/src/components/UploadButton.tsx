import type { ButtonHTMLAttributes, ReactNode } from 'react'
import { useIcons, useMessages } from '../context'
import { type DropzoneState, type UseDropzoneOptions, useDropzone } from '../hooks/use-dropzone'
import { Icon } from '../icons/icons'
import { type ClassNameProp, type RenderProp, resolveClassName } from '../render'

export type UploadButtonState = Pick<DropzoneState, 'rejections' | 'isReading'>

export interface UploadButtonProps extends Omit<UseDropzoneOptions, 'paste'> {
  className?: ClassNameProp<UploadButtonState>
  /** Visible text (and so the accessible name); default "Choose files" or "Choose a folder". */
  children?: ReactNode
  /** The icon before the text (default: upload); null for a text-only button. */
  icon?: ReactNode
  /** Replace the button (spread the props on yours); the hidden input is rendered beside it. */
  render?: RenderProp<ButtonHTMLAttributes<HTMLButtonElement> & Record<`data-${string}`, string | undefined>, UploadButtonState>
}

/** A native button that opens the file (or folder) picker and adds what is chosen. */
export function UploadButton({ className, children, icon, render, ...options }: UploadButtonProps) {
  const messages = useMessages()
  const icons = useIcons()
  const { open, getInputProps, rejections, isReading } = useDropzone({ ...options, paste: false })
  const state = { rejections, isReading }
  const props = {
    type: 'button' as const,
    onClick: open,
    disabled: options.disabled,
    className: resolveClassName(className, state),
    'data-uplink-upload-button': '',
    'data-rejected': rejections.length > 0 ? '' : undefined,
    children: (
      <>
        <Icon>{icon === undefined ? icons.upload : icon}</Icon>
        {children ?? (options.directory ? messages.chooseFolder : messages.chooseFiles)}
      </>
    ),
  }
  return (
    <>
      {render ? render(props, state) : <button {...props} />}
      <input {...getInputProps()} />
    </>
  )
}
