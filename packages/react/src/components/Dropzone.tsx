import { type HTMLAttributes, type ReactNode, useId } from 'react'
import { useByteFormat, useIcons, useMessages } from '../context'
import { useCoarsePointer } from '../dom/use-coarse-pointer'
import { type DropzoneState, type UseDropzoneOptions, useDropzone } from '../hooks/use-dropzone'
import { formatBytes } from '../i18n/format'
import { Icon } from '../icons/icons'
import { type ClassNameProp, type RenderProp, resolveClassName } from '../render'

export type DropzoneRenderState = Omit<DropzoneState, 'getRootProps' | 'getButtonProps' | 'getInputProps'> & {
  /** The primary pointer is coarse (a touch screen): nobody drags or pastes files there. */
  isCoarsePointer: boolean
}

export interface DropzoneProps extends UseDropzoneOptions {
  className?: ClassNameProp<DropzoneRenderState>
  /** The zone's text (it also names the zone); a function receives the state (drag-over, rejections...). */
  children?: ReactNode | ((state: DropzoneRenderState) => ReactNode)
  /** The button's visible text (default "Choose files", or "Choose a folder"). */
  buttonText?: ReactNode
  buttonClassName?: string
  /** What the zone takes, under its text. Default: said from accept, maxFileSize and maxFiles; false for none. */
  hint?: ReactNode | false
  /** The large icon above the text (default: the upload icon); null for none. */
  icon?: ReactNode
  /** Replace the zone element; spread the props onto yours and render `children` inside. */
  render?: RenderProp<HTMLAttributes<HTMLElement> & Record<`data-${string}`, string | undefined>, DropzoneRenderState>
  /** Replace the button with your design system's (spread the props onto it: they carry the ref and handlers). */
  renderButton?: RenderProp<ReturnType<DropzoneState['getButtonProps']>, DropzoneRenderState>
}

const MAX_LISTED_REJECTIONS = 3

/**
 * An unstyled drop zone: a labelled group that takes dropped files and folders and pasted
 * files, with one real button inside (the only keyboard stop) that opens the picker. Its copy
 * fits the device: drag-and-paste wording for mouse and trackpad, plain "add files" on touch.
 * State shows as data-drag-active, data-drag-reject, data-reading, data-rejected,
 * data-focus-visible (the button has keyboard focus), data-disabled and data-pointer.
 */
export function Dropzone({ className, children, buttonText, buttonClassName, hint, icon, render, renderButton, ...options }: DropzoneProps) {
  const messages = useMessages()
  const icons = useIcons()
  const { locale, units } = useByteFormat()
  const isCoarsePointer = useCoarsePointer()
  const labelId = useId()
  const hintId = useId()
  const { getRootProps, getButtonProps, getInputProps, ...rest } = useDropzone(options)
  const state: DropzoneRenderState = { ...rest, isCoarsePointer }

  const idleText = isCoarsePointer ? messages.dropzoneLabelTouch : messages.dropzoneLabel
  const text = typeof children === 'function' ? children(state) : (children ?? (state.isDragReject ? messages.dropzoneReject : state.isDragActive ? messages.dropzoneActive : idleText))
  const limits = {
    accept: state.accept.length > 0 ? state.accept.join(', ') : undefined,
    maxFileSize: options.maxFileSize !== undefined ? formatBytes(options.maxFileSize, locale, units) : undefined,
    maxFiles: options.maxFiles,
  }
  const hintText = hint === false ? null : (hint ?? (limits.accept || limits.maxFileSize || limits.maxFiles ? messages.dropzoneHint(limits) : null))

  const buttonProps = {
    ...getButtonProps(),
    className: buttonClassName,
    'data-uplink-dropzone-button': '',
    // Where focus goes when the control that had it disappears and nothing nearer is left.
    'data-uplink-focus-fallback': '',
    ...(hintText ? { 'aria-describedby': hintId } : {}),
    children: (
      <>
        <Icon>{icons.upload}</Icon>
        {buttonText ?? (options.directory ? messages.chooseFolder : messages.chooseFiles)}
      </>
    ),
  }
  const listed = state.rejections.slice(0, MAX_LISTED_REJECTIONS)
  const more = state.rejections.length - listed.length

  const rootProps = {
    ...getRootProps(),
    role: 'group',
    'aria-labelledby': labelId,
    'aria-busy': state.isReading || undefined,
    className: resolveClassName(className, state),
    'data-uplink-dropzone': '',
    'data-pointer': isCoarsePointer ? 'coarse' : 'fine',
    children: (
      <>
        <input {...getInputProps()} />
        <Icon>{icon === undefined ? icons.upload : icon}</Icon>
        <p id={labelId} data-uplink-dropzone-label="">
          {text}
        </p>
        {renderButton ? renderButton(buttonProps, state) : <button {...buttonProps} />}
        {hintText ? (
          <p id={hintId} data-uplink-dropzone-hint="">
            {hintText}
          </p>
        ) : null}
        {listed.length > 0 ? (
          <ul data-uplink-dropzone-rejections="">
            {listed.map((rejection, index) => (
              <li key={`${index}-${rejection.name}`}>
                {rejection.relativePath ?? rejection.name}: {rejection.message}
              </li>
            ))}
            {more > 0 ? <li>{messages.rejectedMore(more)}</li> : null}
          </ul>
        ) : null}
      </>
    ),
  }
  if (render) return render(rootProps, state)
  return <div {...rootProps} />
}
