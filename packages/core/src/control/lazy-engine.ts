import { UploadError } from '../errors'
import type { Entry, UploaderContext } from './context'
import { failFile, fire } from './entries'

export type EngineCode = typeof import('./engine')

export interface LazyEngine {
  /** Load the engine's code (once; again after a failed load). */
  load(): Promise<EngineCode>
  /** Run a file: at once when the code is here, else once it has loaded. */
  run(ctx: UploaderContext, entry: Entry | undefined): Promise<void>
}

/**
 * The code that runs uploads is not in the package's entry: it loads with the first file, so a
 * page that only shows a drop zone does not pay for it (issue #16). Files started while it
 * loads wait for it and count as on their way (`entry.starting`). When it cannot load (offline,
 * or a deploy removed the chunk) those files fail with a retryable `network` error, and the
 * next run tries to load it again.
 */
export function lazyEngine(onLoad: (code: EngineCode) => void): LazyEngine {
  let loaded: EngineCode | undefined
  let loading: Promise<EngineCode> | undefined
  const load = () =>
    (loading ??= import('./engine').then(
      (code) => {
        onLoad(code)
        return (loaded = code)
      },
      (error: unknown) => {
        loading = undefined
        throw error
      },
    ))
  return {
    load,
    run(ctx, entry) {
      if (!entry) return Promise.resolve()
      if (loaded) return loaded.runFile(ctx, entry)
      entry.starting = true
      return load().then(
        (code) => {
          entry.starting = false
          return code.runFile(ctx, entry)
        },
        (cause: unknown) => {
          entry.starting = false
          if (ctx.disposed || entry.machine.status !== 'queued') return // paused or cancelled meanwhile
          fire(ctx, entry, 'run', { startedAt: Date.now() })
          failFile(ctx, entry, new UploadError({ code: 'network', message: 'The upload code could not be loaded; try again.', retryable: true, cause }))
        },
      )
    },
  }
}
