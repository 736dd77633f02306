// `pnpm test:mutation:engine`: the engine (core's engine/) against core's unit tests run in Node
// (vitest.mutation.control.config.ts: no DOM, uploader.test.ts's 10,000-file cases left out), so
// a run fits in about an hour on 2 cores. `pnpm test:mutation` is the full scope (engine, file
// intake, adapters' HTTP helpers, against every jsdom unit test), several hours here.
import base from './stryker.config.mjs'

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  ...base,
  vitest: { configFile: 'vitest.mutation.control.config.ts' },
  mutate: ['packages/core/src/engine/**/*.ts', '!**/*.test.ts', '!**/*.d.ts'],
  htmlReporter: { fileName: 'reports/mutation-engine/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation-engine/mutation.json' },
}
