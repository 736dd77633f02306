import { MiB } from './planner'

/**
 * `partSize: 'auto'`: picks the part size and the number of parts in flight from measured
 * throughput and failures. Parts are sized to take about `targetSecondsPerPart` at the
 * measured rate (larger on a fast link, fewer requests), halved after failures (less to
 * resend on a flaky link), and concurrency backs off when failures pile up. The plan of a
 * file is fixed when it starts; the tuner adapts between files and for the next file.
 */
export interface AutoTunerOptions {
  initialPartSize?: number
  minPartSize?: number
  maxPartSize?: number
  maxConcurrency: number
  targetSecondsPerPart?: number
}

export function createAutoTuner(options: AutoTunerOptions) {
  const minPart = options.minPartSize ?? 5 * MiB
  const maxPart = options.maxPartSize ?? 128 * MiB
  const target = options.targetSecondsPerPart ?? 4
  let throughput = 0 // bytes per second, EWMA over finished parts
  let failureScore = 0 // decays with successes
  let partSize = options.initialPartSize ?? 8 * MiB

  const clamp = (n: number) => Math.min(maxPart, Math.max(minPart, n))
  const roundToMiB = (n: number) => Math.max(MiB, Math.round(n / MiB) * MiB)

  return {
    /** A part of `bytes` took `ms` (successful transfer). */
    recordSuccess(bytes: number, ms: number) {
      if (ms <= 0) return
      const rate = (bytes * 1000) / ms
      throughput = throughput === 0 ? rate : throughput * 0.7 + rate * 0.3
      failureScore = Math.max(0, failureScore - 0.25)
      if (failureScore < 0.5) partSize = clamp(roundToMiB(throughput * target))
    },
    /** A part attempt failed (network, timeout, 5xx). */
    recordFailure() {
      failureScore += 1
      partSize = clamp(roundToMiB(partSize / 2))
    },
    get partSize() {
      return partSize
    },
    /** Parts in flight: the full budget on a healthy link, fewer while failures pile up. */
    get concurrency() {
      if (failureScore >= 3) return 1
      if (failureScore >= 1.5) return Math.max(1, Math.ceil(options.maxConcurrency / 2))
      return options.maxConcurrency
    },
    get throughput() {
      return throughput
    },
  }
}

export type AutoTuner = ReturnType<typeof createAutoTuner>
