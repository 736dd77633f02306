import type { TestProjectInlineConfiguration } from 'vitest/config'

/**
 * The Vitest projects that run against a real radosgw (scripts/radosgw/start.sh). They exist only
 * when RADOSGW_ENDPOINT is set, so a plain `vitest run` never tries to reach a cluster that is not
 * there. `browser` is the root config's Chromium setup, passed in to keep one definition of it.
 */
export function radosgwProjects(browser: () => object): TestProjectInlineConfiguration[] {
  if (!process.env.RADOSGW_ENDPOINT) return []
  return [
    {
      extends: true,
      resolve: { conditions: ['source', 'node'] },
      test: {
        name: 'radosgw',
        environment: 'node',
        include: ['packages/*/src/**/*.radosgw.test.ts'],
        testTimeout: 60_000,
        hookTimeout: 60_000,
      },
    },
    {
      extends: true,
      test: {
        name: 'radosgw-browser',
        include: ['packages/*/src/**/*.radosgw.browser.test.ts'],
        exclude: ['**/*.contract.radosgw.*', '**/node_modules/**'],
        // Starts the signer (Node side) on 127.0.0.1:4801 and provides its URL to the page.
        globalSetup: ['packages/server/src/s3-signer.radosgw.global-setup.test.ts'],
        testTimeout: 120_000,
        browser: { ...browser(), api: { host: '127.0.0.1', port: 4802 } },
      },
    },
    {
      extends: true,
      test: {
        name: 'radosgw-contract',
        include: ['packages/*/src/**/*.contract.radosgw.browser.test.ts'],
        // The emulator (its S3 front, signer and faults) with radosgw in place of s3rver.
        globalSetup: ['packages/providers/src/contract/emulator-on-radosgw.global-setup.ts'],
        testTimeout: 90_000,
        hookTimeout: 60_000,
        browser: { ...browser(), api: { host: '127.0.0.1', port: 4945 } },
      },
    },
  ]
}
