// `pnpm test:mutation:control`: a run short enough to repeat (about 20 min on 2 cores) over the
// heart of the engine only: the per-file actions and runs (core's control/) and the per-file
// state machine, against core's jsdom tests (vitest.mutation.control.config.ts).
import base from './stryker.config.mjs'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.mutation.control.config.ts' },
  mutate: ['packages/core/src/control/**/*.ts', 'packages/core/src/engine/file-machine.ts', '!**/*.test.ts'],
  htmlReporter: { fileName: 'reports/mutation-control/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation-control/mutation.json' },
}
