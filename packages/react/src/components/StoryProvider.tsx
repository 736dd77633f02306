import type { Uploader } from '@uplink/core'
import { type ReactNode, useEffect, useState } from 'react'
import { UploaderProvider, type UploaderProviderProps } from '../context'
import { type SeedFile, type StoryUploaderOptions, createStoryUploader, seedFiles } from './story-uploader'

export interface StoryProviderProps extends Omit<UploaderProviderProps, 'uploader'> {
  /** Fixed states written into the store before the first render. */
  seed?: readonly SeedFile[]
  options?: StoryUploaderOptions
  /** Real files added to the engine before the first render (start them or not with options.autoStart). */
  add?: readonly File[]
  /** Hands the uploader to a play function or a test. */
  onUploader?: (uploader: Uploader) => void
  children: ReactNode
}

/** A provider over an in-story uploader (no server); disposed once the story has unmounted. */
export function StoryProvider({ seed, add, options, onUploader, children, ...rest }: StoryProviderProps) {
  const [uploader] = useState(() => {
    const created = createStoryUploader({ ...(seed ? { autoStart: false } : {}), ...options })
    if (seed) seedFiles(created, seed)
    if (add) void created.addFiles(add)
    return created
  })
  useEffect(() => {
    onUploader?.(uploader)
  }, [onUploader, uploader])
  // Retained while mounted: StrictMode's unmount-and-mount keeps it; the last unmount disposes it.
  useEffect(() => uploader.retain(), [uploader])
  return (
    <UploaderProvider uploader={uploader} {...rest}>
      {children}
    </UploaderProvider>
  )
}
