import { defineConfig } from 'vitest/config'

// The tests `pnpm test:mutation:control` runs against each mutant (stryker.control.config.mjs):
// core's jsdom tests, resolving workspace packages to their sources as the root config does.
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  test: {
    environment: 'node',
    include: ['packages/core/src/**/*.test.ts'],
    exclude: ['**/*.browser.test.*', '**/*.node.test.*', '**/*.radosgw.*', '**/node_modules/**'],
  },
})
