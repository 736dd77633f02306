import { type Uploader, type UploaderOptions, createUploader } from '@uplink/core'
import { useEffect, useRef, useState } from 'react'
import type { DemoProvider } from './providers'
import type { UploadSettings } from './settings'

/**
 * One uploader per storage and settings, made in an effect and disposed when either changes
 * or the page section unmounts: switching storage 20 times leaves one uploader, with its
 * workers, timers and listeners, not twenty. (Made in an effect rather than during render, so
 * StrictMode's trial mount disposes what it made instead of leaking it.) Undefined until the
 * first one exists, right after mount. `extra` options (e.g. restrictions from the query string
 * for the e2e suite) win over the settings; they are read when a session is made.
 */
export function useUploaderSession(provider: DemoProvider, settings: UploadSettings, extra: Partial<UploaderOptions> = {}): Uploader | undefined {
  const { partSize, concurrency, checksum, wholeFileHash } = settings
  const key = JSON.stringify([provider.id, partSize, concurrency, checksum, wholeFileHash])
  const latest = useRef({ provider, settings, extra })
  useEffect(() => {
    latest.current = { provider, settings, extra }
  })
  const [session, setSession] = useState<{ key: string; uploader: Uploader } | undefined>(undefined)
  useEffect(() => {
    const { provider: current, settings: chosen, extra: more } = latest.current
    const uploader = createUploader({
      provider: current.make({ checksum: chosen.checksum }),
      partSize: chosen.partSize,
      concurrency: chosen.concurrency,
      wholeFileHash: chosen.wholeFileHash,
      // Resume after a reload, for the demo's one pretend account: the files themselves are kept
      // too, so a reload brings unfinished uploads back with no new pick. One scope per storage,
      // so a file kept while uploading to one storage never restarts into another.
      persistence: { scope: `demo-user:${current.id}`, keepFiles: true },
      ...more,
    })
    setSession({ key, uploader })
    void uploader.restoreFiles().catch(() => undefined) // best effort: a locked database leaves the page usable
    return () => uploader.dispose()
  }, [key])
  return session?.key === key ? session.uploader : undefined
}
