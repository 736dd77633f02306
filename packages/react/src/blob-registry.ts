/**
 * The engine's store holds plain data, not file bytes; thumbnails need the Blob. Files added
 * through this package's hooks are remembered here by id (a File is a handle, not its bytes).
 */
export interface BlobRegistry {
  set(id: string, blob: Blob): void
  get(id: string): Blob | undefined
  prune(liveIds: ReadonlySet<string> | ((id: string) => boolean)): void
}

export function createBlobRegistry(): BlobRegistry {
  const blobs = new Map<string, Blob>()
  return {
    set: (id, blob) => void blobs.set(id, blob),
    get: (id) => blobs.get(id),
    prune(live) {
      const isLive = typeof live === 'function' ? live : (id: string) => live.has(id)
      for (const id of blobs.keys()) if (!isLive(id)) blobs.delete(id)
    },
  }
}
