import { defineConfig } from 'vitest/config'

// The tests StrykerJS runs against each mutant (stryker.config.mjs): the jsdom unit tests of
// core and providers, resolving workspace packages to their sources as the root config does.
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  test: {
    environment: 'jsdom',
    include: ['packages/core/src/**/*.test.ts', 'packages/providers/src/**/*.test.ts'],
    exclude: ['**/*.browser.test.*', '**/*.node.test.*', '**/*.radosgw.*', '**/node_modules/**'],
  },
})
