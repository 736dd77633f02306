import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { runOrThrow } from './process'

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

/** The published packages, by folder under packages/. */
export const PACKAGES = ['core', 'providers', 'react', 'server'] as const
export type PackageDir = (typeof PACKAGES)[number]

export const packageDir = (dir: PackageDir) => path.join(repoRoot, 'packages', dir)

export function manifestOf(dir: PackageDir): { name: string; version: string } {
  return JSON.parse(readFileSync(path.join(packageDir(dir), 'package.json'), 'utf8')) as { name: string; version: string }
}

/** `pnpm pack` each package (from its built dist/) into `destination`; tarball path by folder. */
export async function packAll(destination: string): Promise<Record<PackageDir, string>> {
  const tarballs = {} as Record<PackageDir, string>
  for (const dir of PACKAGES) {
    const output = await runOrThrow('pnpm', ['pack', '--pack-destination', destination], { cwd: packageDir(dir) })
    const tarball = output.trim().split('\n').pop()!.trim()
    tarballs[dir] = path.isAbsolute(tarball) ? tarball : path.join(destination, path.basename(tarball))
  }
  return tarballs
}

/**
 * The code block a README marks with `<!-- consumer-test: <name> -->` on the line before it:
 * the consumer apps run these examples verbatim, so a README example that stops working fails.
 */
export function readmeExample(dir: PackageDir, name: string): string {
  const readme = readFileSync(path.join(packageDir(dir), 'README.md'), 'utf8')
  const marker = `<!-- consumer-test: ${name} -->`
  const at = readme.indexOf(marker)
  if (at < 0) throw new Error(`packages/${dir}/README.md has no example marked ${marker}`)
  const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length))
  if (!block) throw new Error(`packages/${dir}/README.md: no code block after ${marker}`)
  return block[1]!
}
