import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import path from 'node:path'
import { type Plugin, type UserConfig, build, defineConfig } from 'vite'

/**
 * Shared Vite library-mode config for the packages.
 *
 * What ships (issue #16): readable ES modules (the app's bundler minifies them), no sourcemaps
 * (nothing to resolve, nothing dangling), every chunk flat in dist/ so relative worker URLs hold,
 * and each worker as its own minified, self-contained file that the consuming bundler finds
 * through the standard pattern `new Worker(new URL('./x.worker.js', import.meta.url), { type: 'module' })`.
 */
export function libraryConfig(opts: {
  entries: Record<string, string>
  /** Beyond the package's dependencies and peer dependencies, which are always external. */
  external?: Array<string | RegExp>
  /** dist file name of each worker -> its source, e.g. `{ 'hash.worker.js': 'src/hashing/hash.worker.ts' }`. */
  workers?: Record<string, string>
  /**
   * Modules that load on first need (import()) but that an entry also exports. Left to itself
   * the bundler would put them in a chunk the entry loads, and an app's bundler would then keep
   * them in the page. `groups`: chunk name -> its source modules, each group a chunk of its own;
   * `shared`: which other statically imported modules (path from the package folder) go in one
   * shared chunk, which must leave out the modules of an entry with optional peer dependencies
   * (their imports would reach every page). No lazy module shares a file with the page's code.
   */
  lazyChunks?: { groups: Record<string, string[]>; shared: (file: string) => boolean }
  platform?: 'browser' | 'node'
}): UserConfig {
  const nodeBuiltins = opts.platform === 'node' ? [...builtinModules, /^node:/] : []
  // What the package declares it needs is resolved by the app's installer, never copied into dist/.
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { dependencies?: object; peerDependencies?: object }
  const declared = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies }).map(pkg)
  const lazyGroups = Object.entries(opts.lazyChunks?.groups ?? {}).map(([name, sources]) => ({ name, ids: new Set(sources.map((source) => path.resolve(source))) }))
  const inShared = (id: string) => opts.lazyChunks?.shared(path.relative(process.cwd(), id).split(path.sep).join('/')) ?? false
  const entryIds = new Set(Object.values(opts.entries).map((source) => path.resolve(source)))
  const isLazy = (id: string) => lazyGroups.some((group) => group.ids.has(id))
  return defineConfig({
    base: './',
    plugins: opts.workers ? [workerChunks(opts.workers)] : [],
    build: {
      lib: { entry: opts.entries, formats: ['es'] },
      target: 'es2022',
      sourcemap: false,
      minify: false,
      rolldownOptions: {
        external: [...declared, ...(opts.external ?? []), ...nodeBuiltins],
        // Chunks stay beside the entries: worker URLs are relative to the chunk that holds them.
        output: {
          chunkFileNames: '[name]-[hash].js',
          ...(lazyGroups.length > 0
            ? {
                codeSplitting: {
                  groups: [
                    // First (higher priority) the page's code, so a lazy group never pulls it in.
                    { name: 'shared', priority: 2, tags: ['$initial' as const], test: (id: string) => !entryIds.has(id) && !isLazy(id) && !id.includes('node_modules') && inShared(id) },
                    ...lazyGroups.map(({ name, ids }) => ({ name, priority: 1, test: (id: string) => ids.has(id) })),
                  ],
                },
              }
            : {}),
        },
      },
      ...(opts.platform === 'node' ? { ssr: true } : {}),
    },
  })
}

/** Externalize a package and all its subpaths. */
export const pkg = (name: string): RegExp => new RegExp(`^${name.replace('/', '\\/')}(\\/.*)?$`)

const MARKER = '__uplinkWorkerUrl__'
/** `new URL('./x.worker.ts', import.meta.url)` as the sources write it (served from source in tests). */
const SOURCE_WORKER_URL = /new\s+URL\(\s*(['"])(\.{1,2}\/[^'"]+\.worker\.ts)\1\s*,\s*import\.meta\.url\s*\)/g

/**
 * Workers as real chunks.
 *
 * Vite's own library output for a worker is `new URL(new URL("assets/x-hash.js", import.meta.url).href, "" + import.meta.url)`:
 * webpack, Next.js and esbuild do not recognise it, and the file arrives unminified with a
 * dangling sourcemap comment. Instead, each worker URL in the sources is swapped for a marker
 * Vite leaves alone, the marker becomes the canonical `new URL("./x.worker.js", import.meta.url)`
 * once chunks are rendered, and each worker is built on its own: one minified file with its
 * dependencies inside (hash-wasm for the hash worker), no imports, no sourcemap, no hash in its
 * name (the app's bundler fingerprints it).
 */
function workerChunks(workers: Record<string, string>): Plugin {
  const byAbsoluteSource = new Map(Object.entries(workers).map(([file, source]) => [path.resolve(source), file]))
  let outDir = 'dist'
  return {
    name: 'uplink-worker-chunks',
    enforce: 'pre',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir)
    },
    transform(code, id) {
      if (!code.includes('import.meta.url')) return null
      let changed = false
      const rewritten = code.replace(SOURCE_WORKER_URL, (_match, _quote, relative: string) => {
        const file = byAbsoluteSource.get(path.resolve(path.dirname(id), relative))
        if (!file) this.error(`${relative} (from ${id}) is a worker that the package's vite.config.ts does not declare in "workers"`)
        changed = true
        return `${MARKER}(${JSON.stringify(file)})`
      })
      return changed ? { code: rewritten, map: null } : null
    },
    renderChunk(code, chunk) {
      if (!code.includes(MARKER)) return null
      if (chunk.fileName.includes('/')) this.error(`${chunk.fileName} holds a worker URL but is not at the root of dist/`)
      const restored = code.replace(new RegExp(`${MARKER}\\(("[^"]+")\\)`, 'g'), (_m, file: string) => `new URL(${JSON.stringify(`./${JSON.parse(file)}`)}, import.meta.url)`)
      if (restored.includes(MARKER)) this.error(`an unexpected worker URL form is left in ${chunk.fileName}`)
      return { code: restored, map: null }
    },
    async writeBundle() {
      for (const [file, source] of Object.entries(workers)) {
        await build({
          configFile: false,
          logLevel: 'warn',
          build: {
            outDir,
            emptyOutDir: false,
            target: 'es2022',
            minify: true,
            sourcemap: false,
            // App-style build, not library mode: library mode keeps whitespace in ES output.
            modulePreload: false,
            copyPublicDir: false,
            rolldownOptions: { input: path.resolve(source), output: { format: 'es', entryFileNames: file, codeSplitting: false, comments: { legal: true } } },
          },
        })
      }
    },
  }
}
