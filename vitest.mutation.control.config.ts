import { defineConfig } from 'vitest/config'

// The tests `pnpm test:mutation:control` runs against each mutant (stryker.control.config.mjs):
// core's unit tests (run in Node: they need no DOM, and start 4x faster than under jsdom), resolving
// workspace packages to their sources as the root config does. uploader.test.ts is left out: its
// 10,000-file cases cover every line here and cost seconds per mutant; the dedicated action,
// event, lifecycle, guarantee and state-machine tests are what should kill these mutants.
export default defineConfig({
  resolve: { conditions: ['source', 'module', 'browser', 'development|production'] },
  test: {
    environment: 'node',
    include: ['packages/core/src/**/*.test.ts'],
    exclude: ['packages/core/src/uploader.test.ts', '**/*.browser.test.*', '**/*.node.test.*', '**/*.radosgw.*', '**/node_modules/**'],
  },
})
