import { readFileSync } from 'node:fs'
import path from 'node:path'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { beforeAll, describe, expect, inject, test } from 'vitest'
import { PACKAGES, repoRoot } from './lib/packages'
import { type RunResult, run } from './lib/process'
import { type Unpacked, relativeImports, staticClosure, unpack } from './lib/tarball'

// What each tarball holds and declares, checked on the packed file an app would install.

/** Workers each package ships: dist file -> what must be inside it. */
const WORKERS: Partial<Record<(typeof PACKAGES)[number], string[]>> = {
  core: ['dist/hash.worker.js'],
  react: ['dist/thumbnail.worker.js'],
}
/** The standard pattern bundlers (Vite, webpack 5 / Next.js, Parcel, esbuild plugins) recognise. */
const WORKER_URL = /new Worker\(new URL\("\.\/([\w.-]+\.js)", import\.meta\.url\), \{[^}]*type: "module"[^}]*\}\)/g
/** Base64 of the WebAssembly magic number "\0asm": a wasm module inlined in JS. */
const INLINE_WASM = 'AGFzbQ'

interface AttwReport {
  analysis: {
    problems?: Array<{ kind: string; entrypoint?: string; resolutionKind?: string }>
    entrypoints: Record<string, { resolutions: Partial<Record<'node10' | 'node16-cjs' | 'node16-esm' | 'bundler', { resolution?: { isTypeScript: boolean } }>> }>
  }
}

/** Every file an exports map points at (any condition, any depth). */
function exportTargets(exports: unknown): string[] {
  if (typeof exports === 'string') return [exports]
  if (!exports || typeof exports !== 'object') return []
  return Object.values(exports).flatMap(exportTargets)
}

/**
 * arethetypeswrong takes ~15 s a package on one core: the four runs start together (the first test
 * that needs one starts them all) and each test awaits its own, instead of one after another.
 */
let attwRuns: Map<string, Promise<RunResult>> | undefined
const attwOf = (dir: (typeof PACKAGES)[number]): Promise<RunResult> =>
  (attwRuns ??= new Map(
    PACKAGES.map((each) => [
      each,
      run('pnpm', ['exec', 'attw', inject('tarballs')[each], '--profile', 'esm-only', '--exclude-entrypoints', './theme.css', './package.json', '--format', 'json'], { cwd: repoRoot }),
    ]),
  )).get(dir)!

describe.each(PACKAGES)('@uplink/%s tarball', (dir) => {
  let pkg: Unpacked
  let tarball: string
  beforeAll(async () => {
    tarball = inject('tarballs')[dir]
    pkg = await unpack(tarball, path.join(inject('consumerRoot'), 'unpacked', dir))
  })
  const js = () => pkg.files.filter((file) => file.endsWith('.js'))
  /** The JS files the exports map names: the entries an app imports. */
  const entries = () => exportTargets(pkg.manifest.exports).filter((target) => target.endsWith('.js')).map((target) => target.replace(/^\.\//, ''))

  test('publint finds nothing, suggestions included', async () => {
    const data = readFileSync(tarball)
    const { messages, pkg: manifest } = await publint({
      pack: { tarball: data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength) as ArrayBuffer },
      level: 'suggestion',
      strict: true,
    })
    expect(messages.map((message) => formatMessage(message, manifest))).toEqual([])
  })

  test('its types resolve under node16/nodenext and bundler resolution (arethetypeswrong, ESM-only profile)', async () => {
    const attw = await attwOf(dir)
    const { analysis } = JSON.parse(attw.output.slice(attw.output.indexOf('{'))) as AttwReport
    // The ESM-only profile: CommonJS require() and pre-exports (node10) resolution are out of scope.
    const problems = (analysis.problems ?? []).filter((problem) => !['node10', 'node16-cjs'].includes(problem.resolutionKind ?? ''))
    expect(problems).toEqual([])
    expect(attw.code).toBe(0)
    for (const [subpath, entry] of Object.entries(analysis.entrypoints)) {
      for (const kind of ['node16-esm', 'bundler'] as const) {
        expect(entry.resolutions[kind]?.resolution?.isTypeScript, `${subpath} under ${kind} resolves to declarations`).toBe(true)
      }
    }
  })

  test('ships README, LICENSE and CHANGELOG, and says where it comes from', () => {
    expect(pkg.files).toEqual(expect.arrayContaining(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']))
    expect(pkg.read('LICENSE')).toBe(readFileSync(path.join(repoRoot, 'LICENSE'), 'utf8'))
    expect(pkg.read('README.md')).toMatch(new RegExp(`^# ${pkg.manifest.name.replace('/', '\\/')}\\b`))
    expect(pkg.read('CHANGELOG.md')).toMatch(new RegExp(`^# ${pkg.manifest.name.replace('/', '\\/')}\\n[\\s\\S]*^## ${pkg.manifest.version.replace(/\./g, '\\.')}$`, 'm'))
    expect(pkg.manifest).toMatchObject({
      license: 'MIT',
      description: expect.stringMatching(/\w{3}/),
      homepage: expect.stringMatching(/^https:\/\//),
      repository: { type: 'git', url: expect.stringMatching(/^git\+https:\/\/.+\.git$/), directory: `packages/${dir}` },
      type: 'module',
    })
    expect(pkg.manifest).toHaveProperty('sideEffects')
  })

  test('its exports name only shipped files, types first, with no condition pointing at sources', () => {
    const walk = (value: unknown, key: string) => {
      if (!value || typeof value !== 'object') return
      const conditions = Object.keys(value)
      if (conditions.includes('types')) expect(conditions[0], `${key}: "types" must come first`).toBe('types')
      expect(conditions, key).not.toContain('source')
      for (const [condition, target] of Object.entries(value)) walk(target, `${key} ${condition}`)
    }
    walk(pkg.manifest.exports, 'exports')
    for (const target of exportTargets(pkg.manifest.exports)) expect(pkg.files, target).toContain(target.replace(/^\.\//, ''))
  })

  test('ships no sources, tests, test helpers or sourcemaps', () => {
    const unwanted = pkg.files.filter((file) => /^src\/|\.map$|\.test\.|\.stories\.|(^|\/)(testing|contract|__\w+__)\//.test(file))
    expect(unwanted).toEqual([])
    for (const file of pkg.files.filter((f) => /\.(js|d\.ts|css)$/.test(f))) {
      const text = pkg.read(file)
      expect(text, `${file} points at a sourcemap`).not.toMatch(/[#@] sourceMappingURL=/)
      expect(text, `${file} imports a test runner`).not.toMatch(/from ["'](vitest|@vitest\/[\w-]+|@testing-library\/[\w-]+|playwright)["']/)
    }
  })

  test('every worker is a real chunk: created only through new URL("./x.js", import.meta.url) (never blob: or data:), minified, self-contained', () => {
    const expected = WORKERS[dir] ?? []
    const referenced = new Set<string>()
    for (const file of js()) {
      const code = pkg.read(file)
      const calls = code.match(/new (?:Shared)?Worker\(/g) ?? []
      const standard = [...code.matchAll(WORKER_URL)]
      expect(standard.length, `${file}: every Worker is created with new URL("./x.js", import.meta.url)`).toBe(calls.length)
      for (const [, worker] of standard) referenced.add(path.posix.join(path.posix.dirname(file), worker!))
    }
    expect([...referenced].sort()).toEqual(expected)
    for (const worker of expected) {
      const code = pkg.read(worker)
      const { static: statics, dynamic } = relativeImports(code)
      expect([...statics, ...dynamic], `${worker} loads other files`).toEqual([])
      expect(code, `${worker} imports packages`).not.toMatch(/\bimport\s*(?:[\w*{}\s,$]+from\s*)?["'][^"'.]/)
      // Minified: a handful of long lines (a license header, then code), not formatted source.
      const lines = code.split('\n').filter((line) => !/^\s*(\/\*|\*)/.test(line))
      expect(lines.length, `${worker} is not minified`).toBeLessThanOrEqual(3)
    }
  })

  test('what loads with each entry holds no WebAssembly and no hash-wasm (they load with the first checksum)', () => {
    expect(entries().length).toBeGreaterThan(0)
    for (const entry of entries()) {
      for (const file of staticClosure(pkg, entry)) {
        const code = pkg.read(file)
        expect(code.includes(INLINE_WASM), `${file} (loaded with ${entry}) inlines WebAssembly`).toBe(false)
        expect(/from ["']hash-wasm["']|import ["']hash-wasm["']/.test(code), `${file} (loaded with ${entry}) imports hash-wasm`).toBe(false)
      }
    }
  })
})

test("@uplink/core's README lists every UploadError code", async () => {
  const core = await unpack(inject('tarballs').core, path.join(inject('consumerRoot'), 'unpacked-readme', 'core'))
  const union = /type UploadErrorCode =([^;]+);/.exec(core.read('dist/index.d.ts'))
  expect(union, 'UploadErrorCode in dist/index.d.ts').not.toBeNull()
  const codes = [...union![1]!.matchAll(/'([\w-]+)'/g)].map((m) => m[1]!)
  expect(codes.length).toBeGreaterThan(5)
  const readme = core.read('README.md')
  expect(codes.filter((code) => !readme.includes(`\`${code}\``))).toEqual([])
})
