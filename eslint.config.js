import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// Layering inside @uplink/core (imports point one way): each folder may import only the folders
// listed for it (and the shared errors.ts / types.ts); uploader.ts wires them all together.
const coreFolders = ['environment', 'transport', 'persistence', 'hashing', 'engine', 'store', 'files', 'events', 'options', 'control']
const coreMayImport = {
  environment: [],
  transport: [],
  persistence: [],
  hashing: ['environment'],
  engine: ['environment', 'hashing', 'persistence', 'transport'],
  store: ['engine'],
  files: ['environment', 'engine', 'store'],
  events: ['engine', 'store'],
  options: ['environment', 'transport', 'persistence', 'hashing', 'engine', 'store', 'files'],
  control: ['environment', 'transport', 'persistence', 'hashing', 'engine', 'store', 'files', 'events', 'options'],
}
const outsideCore = ['react', 'react-dom', '@uplink/*', '@tanstack/*']
const coreLayering = coreFolders.map((folder) => ({
  files: [`packages/core/src/${folder}/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: outsideCore, message: 'core knows nothing of React or any provider.' },
          { group: ['../uploader', '../index', '../internal', '../testing/*'], message: 'The engine parts must not import the wiring or the test doubles.' },
          ...coreFolders
            .filter((other) => other !== folder && !coreMayImport[folder].includes(other))
            .map((other) => ({ group: [`../${other}/*`], message: `core/${folder} may import only ${coreMayImport[folder].join(', ') || 'errors and types'} (imports point one way).` })),
        ],
      },
    ],
  },
}))

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'storybook-static/**', 'reports/**', 'test-results/**', '**/.data/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/react/**/*.{ts,tsx}', 'apps/demo/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    // Layering (DESIGN.md): core knows nothing of React or any provider; providers know no React.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: outsideCore }],
    },
  },
  ...coreLayering,
  {
    // Tests outside the packages use them as an app does: through their public entry points.
    files: ['tests/**/*.{ts,tsx}', 'e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/packages/*/src/**', '@uplink/*/src/**'], message: 'Import @uplink/… (a public entry point), not package internals.' }] }],
    },
  },
  {
    files: ['packages/providers/src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['react', 'react-dom', '@uplink/react', '@uplink/server', 'zustand*'] }] },
  },
)
