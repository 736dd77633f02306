import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import type { TestProjectInlineConfiguration } from 'vitest/config'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

/**
 * Every package that is React or imports it. tests/react18/package.json lists them all, so pnpm
 * links each one here against React 18 (the root's copies are linked against React 19).
 */
const REACT_BOUND = /^(react|react-dom|zustand|@testing-library\/(react|dom|user-event)|@tanstack\/react-(query|virtual))(\/.*)?$/

/**
 * Resolves those packages as if this folder imported them, wherever the import is written
 * (packages/react/src sits next to React 19). An alias alone is not enough: a dependency that
 * Vitest leaves to Node (Testing Library, zustand, TanStack) `require`s React from where it
 * really lives, so it has to be the React 18 linked copy of that dependency that gets loaded.
 */
function resolveReactFromHere(): Plugin {
  const importer = here('./package.json')
  return {
    name: 'uplink-react18-resolve',
    enforce: 'pre',
    resolveId(source, _importer, options) {
      if (!REACT_BOUND.test(source)) return null
      return this.resolve(source, importer, { ...options, skipSelf: true })
    },
  }
}

/** The packages/react tests (jsdom, and server rendering in Node) once more, on React 18. */
export function react18Projects(): TestProjectInlineConfiguration[] {
  return [
    {
      extends: true,
      plugins: [resolveReactFromHere()],
      test: {
        name: 'react18',
        environment: 'jsdom',
        setupFiles: [here('./src/record-renderers.setup.ts')],
        include: ['packages/react/src/**/*.test.tsx', 'tests/react18/src/**/*.test.tsx'],
        exclude: ['**/*.browser.test.*', '**/*.node.test.*', '**/node_modules/**'],
      },
    },
    {
      extends: true,
      plugins: [resolveReactFromHere()],
      resolve: { conditions: ['source', 'node'] },
      ssr: { resolve: { conditions: ['source', 'node', 'import'], externalConditions: ['source'] } },
      test: {
        name: 'react18-ssr',
        environment: 'node',
        server: { deps: { inline: [/^@uplink\//] } },
        include: ['packages/react/src/**/*.node.test.ts', 'tests/react18/src/**/*.node.test.ts'],
      },
    },
  ]
}
