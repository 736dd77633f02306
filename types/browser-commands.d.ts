// The browser commands of vite.config.ts (scripts/browser-commands), as tests call them through
// `commands` from 'vitest/browser'.
import 'vitest/browser'

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Start sampling the memory (PSS) of every process of this test's Chromium. */
    startChromiumMemory(): Promise<void>
    /** Stop sampling: the first sample, the highest, and how many were taken (bytes). */
    stopChromiumMemory(): Promise<{ baselineBytes: number; peakBytes: number; samples: number }>
  }
}
