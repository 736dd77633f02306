import react from '@vitejs/plugin-react'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { type Rolldown, build } from 'vite'
import { repoRoot, tmpDir } from '../lib/paths'
import { uplinkAliases, uplinkEntries } from '../lib/uplink-aliases'

/** What the app already ships whatever upload library it picks: not counted. */
const APP_OWNS = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', '@tanstack/react-query']

export interface BundleRow {
  id: string
  /** What the entry imports. */
  entry: string
  /** What loads with the page: the entry chunk and what it imports statically. */
  js: { minBytes: number; gzipBytes: number }
  /** Chunks behind dynamic import(): loaded on first use (e.g. main-thread hashing). */
  lazyJs: { minBytes: number; gzipBytes: number }
  workers: Array<{ file: string; minBytes: number; gzipBytes: number }>
  /** Largest contributors by package, rendered (pre-minify) bytes, to say where the size comes from. */
  byPackage: Array<{ name: string; renderedBytes: number }>
}

/** One budget of .size-limit.js, as `pnpm test` checks it. */
export interface SizeBudget {
  name: string
  passed: boolean
  /** Bytes, minified + gzipped. */
  size: number
  sizeLimit: number
  /** The #16 goal, where it is not met yet and `sizeLimit` guards today's size (.size-limit.js `goals`). */
  goal?: number
  goalMet?: boolean
}

export interface BundleResults {
  method: string
  external: string[]
  rows: BundleRow[]
  /** The budgets of .size-limit.js (esbuild, minified, gzip): the ones `pnpm test` fails on. */
  budgets: SizeBudget[]
}

const size = (code: string | Uint8Array) => {
  const bytes = typeof code === 'string' ? Buffer.from(code) : Buffer.from(code)
  return { minBytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length }
}

/** The "typical app" of the issue: a drop zone, the file list and the S3 adapter. */
const APP_ENTRY = `import { createUploader } from '@uplink/core'
import { createS3Provider } from '@uplink/providers/s3'
import { Dropzone, FileList, UploaderProvider } from '@uplink/react'
import { createElement } from 'react'

export function UploadWidget({ signerUrl }) {
  const uploader = createUploader({ provider: createS3Provider({ signerUrl }) })
  return createElement(UploaderProvider, { uploader }, createElement(Dropzone), createElement(FileList))
}
`

async function measure(id: string, entryLabel: string, source: string): Promise<BundleRow> {
  const dir = path.join(tmpDir, 'bundle', id)
  await mkdir(dir, { recursive: true })
  const entry = path.join(dir, 'entry.js')
  await writeFile(entry, source)
  // App mode (full minification, whitespace included), the entry's exports kept as a library's
  // would be; our packages resolve to their dist/, as installed.
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    root: dir,
    plugins: [react()],
    resolve: { alias: uplinkAliases() },
    worker: { format: 'es' },
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      rolldownOptions: { input: entry, external: APP_OWNS, preserveEntrySignatures: 'exports-only' },
    },
  })) as Rolldown.RolldownOutput | Rolldown.RolldownOutput[]
  const files = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output)
  // What loads with the page: the entry chunk and, transitively, what it imports statically.
  const chunks = new Map(files.filter((f): f is Rolldown.OutputChunk => f.type === 'chunk').map((c) => [c.fileName, c]))
  const initial = new Set<string>()
  const visit = (name: string) => {
    if (initial.has(name) || !chunks.has(name)) return
    initial.add(name)
    chunks.get(name)!.imports.forEach(visit)
  }
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName)
  const js = { minBytes: 0, gzipBytes: 0 }
  const lazyJs = { minBytes: 0, gzipBytes: 0 }
  const workers: BundleRow['workers'] = []
  const byPackage = new Map<string, number>()
  for (const file of files) {
    if (file.type === 'chunk' && initial.has(file.fileName)) {
      for (const [moduleId, info] of Object.entries(file.modules)) {
        const name = packageOf(moduleId)
        byPackage.set(name, (byPackage.get(name) ?? 0) + info.renderedLength)
      }
    }
    if (!file.fileName.endsWith('.js')) continue
    const code = file.type === 'chunk' ? file.code : file.source
    const measured = size(code)
    const into = /worker/i.test(file.fileName) ? undefined : initial.has(file.fileName) ? js : lazyJs
    if (!into) workers.push({ file: file.fileName.replace(/^assets\//, ''), ...measured })
    else {
      into.minBytes += measured.minBytes
      into.gzipBytes += measured.gzipBytes
    }
  }
  return {
    id,
    entry: entryLabel,
    js,
    lazyJs,
    workers,
    byPackage: [...byPackage].map(([name, renderedBytes]) => ({ name, renderedBytes })).sort((a, b) => b.renderedBytes - a.renderedBytes),
  }
}

/** "@uplink/core", "zustand", "hash-wasm", … for a module path. */
function packageOf(moduleId: string): string {
  const ours = /packages\/(core|providers|react)\/dist\//.exec(moduleId)
  if (ours) return `@uplink/${ours[1]}`
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(moduleId)
  return dep ? dep[1]! : 'entry'
}

/** The budgets `pnpm test` checks (.size-limit.js through scripts/size-budgets.mjs), as a report. */
async function sizeBudgets(): Promise<SizeBudget[]> {
  const report = path.join(tmpDir, 'bundle', 'size-limit.json')
  await mkdir(path.dirname(report), { recursive: true })
  // Exits 1 when a budget is exceeded; the report says which, and the bench reports it as missed.
  await promisify(execFile)(process.execPath, ['scripts/size-budgets.mjs', report], { cwd: repoRoot }).catch(() => undefined)
  if (!existsSync(report)) throw new Error('scripts/size-budgets.mjs wrote no report')
  return JSON.parse(readFileSync(report, 'utf8')) as SizeBudget[]
}

/** Case 6: minified + gzipped size of each public entry and of a typical app's imports, and the budgets. */
export async function bundleSizes(): Promise<BundleResults> {
  const rows: BundleRow[] = []
  for (const { specifier } of uplinkEntries()) {
    if (specifier.endsWith('.css')) continue
    const row = await measure(specifier.replace(/[@/]/g, '_'), `export * from '${specifier}'`, `export * from '${specifier}'\n`)
    console.log(`  ${specifier}: ${(row.js.gzipBytes / 1000).toFixed(1)} kB gzip`)
    rows.push({ ...row, id: specifier })
  }
  const app = await measure('app', 'drop zone + file list + S3 adapter (createUploader, createS3Provider, UploaderProvider, Dropzone, FileList)', APP_ENTRY)
  console.log(`  typical app: ${(app.js.gzipBytes / 1000).toFixed(1)} kB gzip on load, ${(app.lazyJs.gzipBytes / 1000).toFixed(1)} kB lazy`)
  rows.push({ ...app, id: 'typical app' })
  const budgets = await sizeBudgets()
  for (const budget of budgets) {
    console.log(`  ${budget.passed ? 'met' : 'MISSED'}: ${budget.name} ${(budget.size / 1000).toFixed(2)} of ${(budget.sizeLimit / 1000).toFixed(2)} kB`)
    if (budget.goal !== undefined) console.log(`    goal ${(budget.goal / 1000).toFixed(2)} kB: ${budget.goalMet ? 'met' : 'MISSED'}`)
  }
  return {
    method: 'Vite 8 (Rolldown) app build, minify on, es2022; our packages from dist/; sizes of JS chunks (on load: the entry chunk and its static imports; lazy: chunks behind import()), gzip with node:zlib level 9',
    external: APP_OWNS,
    rows,
    budgets,
  }
}
