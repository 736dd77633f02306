import react from '@vitejs/plugin-react'
import { existsSync, readFileSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { type Rolldown, build } from 'vite'
import { tmpDir } from '../lib/paths'
import { uplinkAliases, uplinkEntries } from '../lib/uplink-aliases'

/** What the app already ships whatever upload library it picks: not counted. */
const APP_OWNS = ['react', 'react-dom', 'react-dom/client', 'react/jsx-runtime', '@tanstack/react-query']

export interface BundleRow {
  id: string
  /** What the entry imports. */
  entry: string
  js: { minBytes: number; gzipBytes: number }
  workers: Array<{ file: string; minBytes: number; gzipBytes: number }>
  /** Largest contributors by package, rendered (pre-minify) bytes, to say where the size comes from. */
  byPackage: Array<{ name: string; renderedBytes: number }>
}

export interface BundleResults {
  method: string
  external: string[]
  rows: BundleRow[]
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
  let min = 0
  let gz = 0
  const workers: BundleRow['workers'] = []
  const byPackage = new Map<string, number>()
  for (const file of files) {
    if (file.type === 'chunk' && !/worker/i.test(file.fileName)) {
      for (const [moduleId, info] of Object.entries(file.modules)) {
        const name = packageOf(moduleId)
        byPackage.set(name, (byPackage.get(name) ?? 0) + info.renderedLength)
      }
    }
    if (!file.fileName.endsWith('.js')) continue
    const code = file.type === 'chunk' ? file.code : file.source
    const measured = size(code)
    if (/worker/i.test(file.fileName)) workers.push({ file: file.fileName.replace(/^assets\//, ''), ...measured })
    else {
      min += measured.minBytes
      gz += measured.gzipBytes
    }
  }
  return {
    id,
    entry: entryLabel,
    js: { minBytes: min, gzipBytes: gz },
    workers,
    byPackage: [...byPackage].map(([name, renderedBytes]) => ({ name, renderedBytes })).sort((a, b) => b.renderedBytes - a.renderedBytes),
  }
}

/** "@uplink/core", "zustand", "hash-wasm", … for a module path. */
function packageOf(moduleId: string): string {
  const ours = /packages\/(core|providers|react)\/dist\//.exec(moduleId)
  if (ours) {
    // Our dist bundles its own dependencies into shared chunks; name the big one when it is one.
    const head = existsSync(moduleId) ? readFileSync(moduleId, 'utf8').slice(0, 300) : ''
    return head.includes('hash-wasm') ? `hash-wasm (inside @uplink/${ours[1]} dist)` : `@uplink/${ours[1]}`
  }
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(moduleId)
  return dep ? dep[1]! : 'entry'
}

/** Case 6: minified + gzipped size of each public entry and of a typical app's imports. */
export async function bundleSizes(): Promise<BundleResults> {
  const rows: BundleRow[] = []
  for (const { specifier } of uplinkEntries()) {
    if (specifier.endsWith('.css')) continue
    const row = await measure(specifier.replace(/[@/]/g, '_'), `export * from '${specifier}'`, `export * from '${specifier}'\n`)
    console.log(`  ${specifier}: ${(row.js.gzipBytes / 1000).toFixed(1)} kB gzip`)
    rows.push({ ...row, id: specifier })
  }
  const app = await measure('app', 'drop zone + file list + S3 adapter (createUploader, createS3Provider, UploaderProvider, Dropzone, FileList)', APP_ENTRY)
  console.log(`  typical app: ${(app.js.gzipBytes / 1000).toFixed(1)} kB gzip`)
  rows.push({ ...app, id: 'typical app' })
  return {
    method: 'Vite 8 (Rolldown) app build, minify on, es2022; our packages from dist/; sizes of JS chunks, gzip with node:zlib level 9',
    external: APP_OWNS,
    rows,
  }
}
