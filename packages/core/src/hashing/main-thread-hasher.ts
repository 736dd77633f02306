import type { PartHasher } from './part-hasher'

/**
 * The fallback when Workers are unavailable (old browser, strict CSP): the same code on the
 * main thread. Loaded on demand so the hashing code stays out of the main bundle otherwise.
 */
export function createMainThreadHasher(): PartHasher {
  return {
    mode: 'main-thread',
    async hash(blob, start, end, algorithms) {
      const { readAndHashPart } = await import('./read-part')
      return readAndHashPart(blob, start, end, algorithms)
    },
    async hashFile(blob, algorithm) {
      const { digestWholeFile } = await import('./whole-file')
      return digestWholeFile(blob, algorithm)
    },
    dispose() {},
  }
}
