// Type declarations for one package (run from its folder, after `vite build`): tsc emits
// per-file declarations into .types/, then rollup-plugin-dts bundles them into one .d.ts per
// public entry, at the path its package.json "types" condition names.
//
// One file per entry has no relative imports left, so it resolves the same under every
// moduleResolution (node16/nodenext need explicit extensions, bundler does not), and only what
// an entry exports ships: internal modules and test helpers never reach dist/.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { rollup } from 'rollup'
import { dts } from 'rollup-plugin-dts'

const TEMP = '.types'
const manifest = JSON.parse(readFileSync('package.json', 'utf8'))

rmSync(TEMP, { recursive: true, force: true })
const tsc = spawnSync('tsc', ['-p', 'tsconfig.build.json', '--outDir', TEMP], { stdio: 'inherit' })
if (tsc.status !== 0) process.exit(tsc.status ?? 1)

/** `./src/s3/index.ts` -> `.types/s3/index.d.ts` (tsc's rootDir is src). */
const declarationOf = (source) => path.join(TEMP, path.relative('src', source).replace(/\.tsx?$/, '.d.ts'))

const entries = Object.entries(manifest.exports).filter(([, target]) => typeof target === 'object' && target.types && /\.tsx?$/.test(target.source ?? ''))
for (const [subpath, target] of entries) {
  const bundle = await rollup({
    input: declarationOf(target.source),
    // Everything that is not ours (bare specifiers: @uplink/core, react, zustand, …) stays an import.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id),
    plugins: [dts({ respectExternal: false })],
    onwarn(warning, warn) {
      if (warning.code === 'CIRCULAR_DEPENDENCY') return
      warn(warning)
    },
  })
  await bundle.write({ file: target.types, format: 'es' })
  await bundle.close()
  console.log(`types ${manifest.name}${subpath === '.' ? '' : subpath.slice(1)} -> ${target.types}`)
}
rmSync(TEMP, { recursive: true, force: true })
