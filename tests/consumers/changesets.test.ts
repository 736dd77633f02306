import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, expect, test } from 'vitest'
import { PACKAGES, repoRoot } from './lib/packages'
import { runOrThrow } from './lib/process'

// Versioning: `changeset version` on a copy of the workspace's manifests, changelogs and pending
// changesets must give the four packages one new version (a fixed group) that follows semver from
// the pending bumps (no surprise 1.0.0 from the peer ranges), with a CHANGELOG entry in each.

const copy = mkdtempSync(path.join(tmpdir(), 'uplink-changesets-'))
afterAll(() => rmSync(copy, { recursive: true, force: true }))

const bumpOrder = ['patch', 'minor', 'major'] as const
type Bump = (typeof bumpOrder)[number]

function pendingBump(): Bump | undefined {
  let highest: Bump | undefined
  for (const file of readdirSync(path.join(repoRoot, '.changeset')).filter((f) => f.endsWith('.md') && f !== 'README.md')) {
    const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(path.join(repoRoot, '.changeset', file), 'utf8'))?.[1] ?? ''
    for (const [, bump] of front.matchAll(/:\s*(patch|minor|major)\s*$/gm)) {
      if (!highest || bumpOrder.indexOf(bump as Bump) > bumpOrder.indexOf(highest)) highest = bump as Bump
    }
  }
  return highest
}

function next(version: string, bump: Bump): string {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number]
  if (bump === 'major') return `${major + 1}.0.0`
  if (bump === 'minor') return `${major}.${minor + 1}.0`
  return `${major}.${minor}.${patch + 1}`
}

test('changeset version gives the four packages one version and a CHANGELOG entry each', async () => {
  for (const file of ['package.json', 'pnpm-workspace.yaml', '.changeset']) cpSync(path.join(repoRoot, file), path.join(copy, file), { recursive: true })
  for (const dir of PACKAGES) {
    for (const file of ['package.json', 'CHANGELOG.md']) cpSync(path.join(repoRoot, 'packages', dir, file), path.join(copy, 'packages', dir, file))
  }
  const bump = pendingBump()
  const before = JSON.parse(readFileSync(path.join(copy, 'packages/core/package.json'), 'utf8')) as { version: string }
  await runOrThrow('git', ['init', '-q', '-b', 'main'], { cwd: copy })
  await runOrThrow('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'add', '-A'], { cwd: copy })
  await runOrThrow('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'copy'], { cwd: copy })
  await runOrThrow(path.join(repoRoot, 'node_modules/.bin/changeset'), ['version'], { cwd: copy })

  const expected = bump ? next(before.version, bump) : before.version
  for (const dir of PACKAGES) {
    const manifest = JSON.parse(readFileSync(path.join(copy, 'packages', dir, 'package.json'), 'utf8')) as { name: string; version: string }
    expect(manifest.version, manifest.name).toBe(expected)
    if (bump) expect(readFileSync(path.join(copy, 'packages', dir, 'CHANGELOG.md'), 'utf8')).toMatch(new RegExp(`^# ${manifest.name.replace('/', '\\/')}\\n\\n## ${expected.replace(/\./g, '\\.')}\\n`))
  }
})
