/**
 * Every React DOM renderer registers itself with the DevTools hook when its module loads. A
 * stand-in hook, set up before any test module is imported, records their versions, so the guard
 * test can see each copy of react-dom this process loaded, not just the one it imports itself.
 */
interface RendererInternals {
  version: string
  rendererPackageName: string
}
interface RecordingHook {
  supportsFiber: true
  renderers: RendererInternals[]
  inject(internals: RendererInternals): number
  onCommitFiberRoot(): void
  onCommitFiberUnmount(): void
  onPostCommitFiberRoot(): void
}

const scope = globalThis as { __REACT_DEVTOOLS_GLOBAL_HOOK__?: RecordingHook }
scope.__REACT_DEVTOOLS_GLOBAL_HOOK__ ??= {
  supportsFiber: true,
  renderers: [],
  inject(internals) {
    this.renderers.push(internals)
    return this.renderers.length
  },
  onCommitFiberRoot() {},
  onCommitFiberUnmount() {},
  onPostCommitFiberRoot() {},
}

export {}
