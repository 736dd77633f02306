import type { MemorySample } from './browser'

const MiB = 1024 * 1024

export interface MemoryPeak {
  samples: number
  /** Largest (V8 heap used + ArrayBuffer backing stores) of the page's main isolate. */
  peakJsMiB: number
  peakHeapMiB: number
  peakBackingStoreMiB: number
  /** The same sum just before the upload started. */
  idleJsMiB: number
  /** Renderer processes' resident memory: peak minus before the upload. */
  rendererRssGrowthMiB: number
}

/** `samples[0]` is taken before the upload starts (the sampler's first reading). */
export function memoryPeak(samples: MemorySample[]): MemoryPeak {
  const before = samples[0]!
  const all = samples
  const max = (f: (s: MemorySample) => number) => Math.max(...all.map(f)) / MiB
  return {
    samples: samples.length,
    peakJsMiB: max((s) => s.heapUsed + s.backingStore),
    peakHeapMiB: max((s) => s.heapUsed),
    peakBackingStoreMiB: max((s) => s.backingStore),
    idleJsMiB: (before.heapUsed + before.backingStore) / MiB,
    rendererRssGrowthMiB: max((s) => s.rendererRss) - before.rendererRss / MiB,
  }
}
