import { readFileSync } from 'node:fs'
import path from 'node:path'
import { expect, inject, test } from 'vitest'
import { run } from './lib/process'
import { unpack } from './lib/tarball'

// apps/nodenext/check.ts imports every entry of every package under moduleResolution "nodenext"
// with skipLibCheck off: extensionless relative imports in a shipped .d.ts would fail here (TS2834).

test('every public entry type-checks under moduleResolution nodenext, skipLibCheck off', async () => {
  const root = inject('consumerRoot')
  const tsc = await run(path.join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: path.join(root, 'nodenext') })
  expect(tsc.output).toBe('')
  expect(tsc.code).toBe(0)
})

test('the nodenext check imports every export of every package', async () => {
  const root = inject('consumerRoot')
  const check = readFileSync(path.join(root, 'nodenext/check.ts'), 'utf8')
  const imported = new Set([...check.matchAll(/from '(@uplink\/[^']+)'/g)].map((m) => m[1]))
  for (const [dir, tarball] of Object.entries(inject('tarballs'))) {
    const { manifest } = await unpack(tarball, path.join(root, 'unpacked-nodenext', dir))
    for (const subpath of Object.keys(manifest.exports).filter((s) => !/\.(css|json)$/.test(s))) {
      expect(imported, `${manifest.name}${subpath.slice(1)}`).toContain(`${manifest.name}${subpath.slice(1)}`)
    }
  }
})
