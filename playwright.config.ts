import { fileURLToPath } from 'node:url'
import { defineConfig } from '@playwright/test'
import { chromiumArgs } from './vite.config'

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  timeout: 120_000,
  reporter: process.env.CI ? [['line'], ['json', { outputFile: 'reports/e2e.json' }]] : [['list'], ['json', { outputFile: 'reports/e2e.json' }]],
  use: {
    baseURL: 'http://127.0.0.1:4173',
    // A failing upload leaves a trace (network, console, DOM snapshots) in test-results/.
    trace: 'retain-on-failure',
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs },
  },
  webServer: [
    {
      command: 'pnpm --filter @uplink/demo run preview',
      url: 'http://127.0.0.1:4173',
      reuseExistingServer: !process.env.CI,
    },
    {
      // A fresh data folder per run: the stores' lists (capped at 1,000 S3 keys) hold this run's objects only.
      command: `node -e "require('node:fs').rmSync(process.argv[1], { recursive: true, force: true })" reports/emulator-data && pnpm --filter @uplink/emulator run start`,
      url: 'http://127.0.0.1:4600/health',
      reuseExistingServer: !process.env.CI,
      env: { UPLINK_DATA_DIR: fileURLToPath(new URL('./reports/emulator-data', import.meta.url)) },
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5000 },
    },
  ],
})
