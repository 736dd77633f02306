import type { ReactNode } from 'react'
import { useUploader } from '../context'
import { type UseDropzoneOptions, useDropzone } from '../hooks/use-dropzone'

export interface DropzoneProps extends Omit<UseDropzoneOptions, 'onFiles'> {
  className?: string
  /** Label content; a render function receives the drag state. */
  children?: ReactNode | ((state: { isDragActive: boolean }) => ReactNode)
  /** Defaults to adding the files to the uploader in context. */
  onFiles?: (files: File[]) => void
  'aria-label'?: string
}

/** An unstyled drop target that adds dropped or picked files to the uploader. */
export function Dropzone({ className, children, onFiles, 'aria-label': ariaLabel, ...options }: DropzoneProps) {
  const uploader = useUploader()
  const { isDragActive, getRootProps, getInputProps } = useDropzone({
    ...options,
    onFiles: onFiles ?? ((files) => uploader.addFiles(files)),
  })
  return (
    <div {...getRootProps()} className={className} data-uplink-dropzone="" aria-label={ariaLabel ?? 'Upload files: drop them here or press Enter to choose'}>
      <input {...getInputProps()} />
      {typeof children === 'function'
        ? children({ isDragActive })
        : (children ?? (isDragActive ? 'Drop to upload' : 'Drop files here, or click to choose'))}
    </div>
  )
}
