import type { FaultRule } from './emulator'
import type { DemoProvider } from './providers'

/** What the settings panel can make the emulator do to requests, through its /__faults API. */
export interface FaultPreset {
  id: string
  label: string
  rules: (provider: DemoProvider) => FaultRule[]
}

export const faultPresets: FaultPreset[] = [
  { id: 'none', label: 'Nothing: a healthy server', rules: () => [] },
  {
    id: 'flaky',
    label: 'Flaky: 1 in 4 part uploads fails with 503 (retried)',
    rules: (p) => [{ route: p.partRoute, failRate: 0.25, status: 503 }],
  },
  { id: 'slow', label: 'Slow: parts sent at 512 KiB/s', rules: (p) => [{ route: p.partRoute, bytesPerSecond: 512 * 1024 }] },
  { id: 'latency', label: 'Far away: 400 ms more per request', rules: () => [{ route: '*', latencyMs: 400 }] },
  { id: 'down', label: 'Down: every part upload fails with 500', rules: (p) => [{ route: p.partRoute, failRate: 1, status: 500 }] },
]

export const faultPresetById = (id: string): FaultPreset => faultPresets.find((f) => f.id === id) ?? faultPresets[0]!
