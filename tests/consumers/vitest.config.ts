import { defineConfig } from 'vitest/config'

// The consumer tests (issue #16): the packed packages, installed into fresh apps outside the
// workspace, as an app developer would get them. Run after `pnpm build`, under the heavy lock:
//   flock /tmp/uplink-heavy.lock pnpm exec vitest run --config tests/consumers/vitest.config.ts
// The emulator comes from the contract suite's global setup (its own port, its own data folder).
// The release project (changesets) needs neither the tarballs nor the emulator.
//
// Its emulator takes ports of its own (4930-4932), not the contract suite's 4910-4912: the two
// suites may run at the same time (the shared machine runs plain vitest jobs in a lane of their own).
process.env.UPLINK_CONTRACT_PORT ??= '4930'

export default defineConfig({
  test: {
    root: import.meta.dirname + '/../..',
    environment: 'node',
    // Builds and browsers share two cores: one file at a time.
    fileParallelism: false,
    testTimeout: 240_000,
    hookTimeout: 300_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'consumers',
          include: ['tests/consumers/**/*.test.ts'],
          exclude: ['tests/consumers/changesets.test.ts'],
          globalSetup: ['packages/providers/src/contract/emulator.global-setup.ts', 'tests/consumers/global-setup.ts'],
        },
      },
      { extends: true, test: { name: 'release', include: ['tests/consumers/changesets.test.ts'] } },
    ],
  },
})
