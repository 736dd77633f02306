// `pnpm test:mutation`: StrykerJS mutates the engine, the file intake and the adapters' HTTP
// helpers, and runs their jsdom tests (vitest.mutation.config.ts) against each mutant. Not in CI:
// it takes a while; the score is reported in reports/mutation/.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'packages/core/src/engine/**/*.ts',
    'packages/core/src/files/**/*.ts',
    'packages/providers/src/http/**/*.ts',
    '!**/*.test.ts',
    '!**/*.d.ts',
  ],
  coverageAnalysis: 'perTest',
  // The workspace's node_modules are symlinks per package (pnpm); mutating in place avoids a sandbox copy that loses them.
  inPlace: true,
  concurrency: 2,
  timeoutMS: 10_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 80, low: 60, break: null },
}
