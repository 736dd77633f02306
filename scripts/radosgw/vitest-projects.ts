import type { TestProjectInlineConfiguration } from 'vitest/config'

/**
 * The Vitest projects that run against a real radosgw (scripts/radosgw/start.sh). They exist only
 * when RADOSGW_ENDPOINT is set, so a plain `vitest run` never tries to reach a cluster that is not
 * there. `browser` is the root config's Chromium setup, passed in to keep one definition of it.
 */
export function radosgwProjects(_browser: () => object): TestProjectInlineConfiguration[] {
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
  ]
}
