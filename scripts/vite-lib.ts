import { defineConfig, type UserConfig } from 'vite'
import { builtinModules } from 'node:module'

/**
 * Shared Vite library-mode config for the packages.
 * `base: './'` keeps emitted worker URLs relative to the module, so a consuming app's bundler
 * finds and copies them (an absolute "/assets/…" would 404 at the consumer's origin).
 */
export function libraryConfig(opts: {
  entries: Record<string, string>
  external: Array<string | RegExp>
  platform?: 'browser' | 'node'
}): UserConfig {
  const nodeBuiltins = opts.platform === 'node' ? [...builtinModules, /^node:/] : []
  return defineConfig({
    base: './',
    build: {
      lib: { entry: opts.entries, formats: ['es'] },
      target: 'es2022',
      sourcemap: true,
      minify: false,
      rollupOptions: {
        external: [...opts.external, ...nodeBuiltins],
      },
      ...(opts.platform === 'node' ? { ssr: true } : {}),
    },
    worker: { format: 'es' },
  })
}

/** Externalize a package and all its subpaths. */
export const pkg = (name: string): RegExp => new RegExp(`^${name.replace('/', '\\/')}(\\/.*)?$`)
