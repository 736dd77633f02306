import { yieldToPage } from '../environment/yield-to-page'
import { type PartHasher, fileChunks } from './part-hasher'

/** Hash in steps this large on the main thread, giving the page the thread back between them. */
const STEP = 1024 * 1024

/**
 * The fallback where workers cannot start (a strict CSP, an old browser): the same jobs on the
 * main thread, in time slices (1 MiB of hashing, then a yield), so the page stays responsive.
 * Reading is asynchronous and SHA-256 of a part goes to WebCrypto, off the thread. The hashing
 * code is loaded on first use, keeping it out of the main bundle.
 */
export function createMainThreadHasher(): PartHasher {
  const sliced = { stepBytes: STEP, pause: yieldToPage }
  const jobs = () => import('./hash-jobs')
  return {
    mode: 'main-thread',
    hashPart: async (part, algorithms) => (await jobs()).hashPartBlob(part, algorithms, sliced),
    hashFile: async (file, algorithm) => (await jobs()).hashChunks(fileChunks(file), algorithm, sliced),
    dispose() {},
  }
}
