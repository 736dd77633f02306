import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import { chromiumArgs } from '../vite.config'

// The React layer's page-level tests, in Debian's Chromium: screenshots of the main stories
// (the built Storybook) and of the demo, compared with the committed baselines, and the demo's
// own behaviour (provider switching without leaks). `pnpm test:ui`; part of `pnpm test`.
// Needs `pnpm build-storybook` and `pnpm build:demo` first (scripts/test.mjs runs both).
const root = fileURLToPath(new URL('../', import.meta.url))
const here = fileURLToPath(new URL('./', import.meta.url))
// Servers are never reused unless asked (UPLINK_UI_REUSE_SERVERS=1): on a machine shared by
// several people a server left on a port may run someone else's code, and the screenshots
// would then be of the wrong demo or Storybook.
const reuseExistingServer = process.env.UPLINK_UI_REUSE_SERVERS === '1'

export default defineConfig({
  testDir: root,
  testMatch: ['visual/**/*.spec.ts', 'apps/demo/tests/**/*.spec.ts'],
  workers: 1,
  timeout: 120_000,
  // Baselines are committed; `pnpm test:ui --update-snapshots` renews them (then look at the diff).
  snapshotPathTemplate: `${here}baselines/{arg}{ext}`,
  expect: {
    toHaveScreenshot: { animations: 'disabled', caret: 'hide', scale: 'css', maxDiffPixelRatio: 0.002 },
  },
  // The JSON report goes where scripts/test.mjs counts it: the repository's reports/ (a relative
  // outputFile would be read from this folder).
  reporter: process.env.CI ? [['line'], ['json', { outputFile: `${root}reports/ui.json` }]] : [['list'], ['json', { outputFile: `${root}reports/ui.json` }]],
  use: {
    browserName: 'chromium',
    reducedMotion: 'reduce',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  projects: [
    { name: 'visual', testMatch: 'visual/**/*.spec.ts' },
    // After the screenshots, so the demo's server list is empty when the demo is photographed.
    { name: 'demo', testMatch: 'apps/demo/tests/**/*.spec.ts', dependencies: ['visual'] },
  ],
  webServer: [
    {
      command: 'node visual/serve-static.mjs storybook-static 6007',
      cwd: root,
      url: 'http://127.0.0.1:6007/iframe.html',
      reuseExistingServer,
    },
    {
      command: 'pnpm --filter @uplink/demo run preview',
      cwd: root,
      url: 'http://127.0.0.1:4173',
      reuseExistingServer,
    },
    {
      command: 'pnpm --filter @uplink/emulator run start',
      cwd: root,
      url: 'http://127.0.0.1:4600/health',
      reuseExistingServer,
      // A fresh store per run: screenshots of the demo show what this run uploaded, nothing older.
      env: { UPLINK_DATA_DIR: `${root}reports/ui-emulator-data/${Date.now()}` },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
    },
  ],
})
