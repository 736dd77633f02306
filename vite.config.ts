/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vite'
import { startChromiumMemory, stopChromiumMemory } from './scripts/browser-commands/chromium-memory.ts'
import { radosgwProjects } from './scripts/radosgw/vitest-projects.ts'
import { react18Projects } from './tests/react18/vitest-projects.ts'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/** Debian's Chromium; nothing downloads a browser. */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  // performance.memory in exact bytes (the React leak test reads it).
  '--enable-precise-memory-info',
  // window.gc(), so leak tests can collect garbage before they measure.
  '--js-flags=--expose-gc',
]
// A fresh object per project: Vitest names each instance after its project.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs } }),
  instances: [{ browser: 'chromium' as const }],
  commands: { startChromiumMemory, stopChromiumMemory },
})

// Tests and Storybook resolve workspace packages to their sources (the "source" export
// condition), so nothing depends on a prior build and the worker is served from source.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-dev-runtime',
      'react/jsx-runtime',
      '@testing-library/react',
      '@tanstack/react-query',
      'zustand',
      'zustand/vanilla',
      'zustand/react/shallow',
      'hash-wasm',
      '@tanstack/react-virtual',
      'axe-core',
      '@testing-library/user-event',
    ],
  },
  worker: { format: 'es' },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          include: ['packages/*/src/**/*.test.{ts,tsx}', 'apps/*/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.*', '**/*.node.test.*', '**/*.radosgw.*', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        resolve: { conditions: ['source', 'node'] },
        ssr: { resolve: { conditions: ['source', 'node', 'import'], externalConditions: ['source'] } },
        test: {
          name: 'node',
          environment: 'node',
          // Workspace packages go through Vite (and so the "source" condition), never a stale dist/.
          server: { deps: { inline: [/^@uplink\//] } },
          include: ['packages/*/src/**/*.node.test.ts', 'apps/*/src/**/*.node.test.ts', 'scripts/**/*.node.test.ts', 'tests/docs/src/**/*.node.test.ts', 'bench/lib/**/*.node.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['packages/*/src/**/*.browser.test.{ts,tsx}'],
          exclude: ['**/*.radosgw.*', '**/*.contract.*', '**/node_modules/**'],
          browser: browser(),
        },
      },
      {
        // Every adapter against the real emulator (started by the globalSetup), in Chromium.
        extends: true,
        test: {
          name: 'contract',
          include: ['packages/*/src/**/*.contract.browser.test.ts'],
          globalSetup: ['packages/providers/src/contract/emulator.global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          browser: { ...browser(), api: { host: '127.0.0.1', port: 4920 } },
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: here('./.storybook') })],
        test: { name: 'storybook', browser: browser() },
      },
      // The packages/react jsdom and server-rendering tests again on React 18 (tests/react18).
      ...react18Projects(),
      // Only when RADOSGW_ENDPOINT is set (scripts/test.mjs starts radosgw and sets it).
      ...radosgwProjects(browser),
    ],
  },
})
