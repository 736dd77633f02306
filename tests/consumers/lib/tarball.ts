import { mkdirSync, readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { runOrThrow } from './process'

export interface Unpacked {
  dir: string
  /** Every file, relative to the package root, "/"-separated. */
  files: string[]
  read(file: string): string
  manifest: Record<string, unknown> & { name: string; version: string; exports: Record<string, unknown> }
}

/** Extracts an npm tarball (its files sit under package/) and lists what it holds. */
export async function unpack(tarball: string, destination: string): Promise<Unpacked> {
  mkdirSync(destination, { recursive: true })
  await runOrThrow('tar', ['-xzf', tarball, '-C', destination], { cwd: destination })
  const dir = path.join(destination, 'package')
  const files = readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort()
  const read = (file: string) => readFileSync(path.join(dir, file), 'utf8')
  return { dir, files, read, manifest: JSON.parse(read('package.json')) as Unpacked['manifest'] }
}

/** Relative modules a built JS file imports: statically (loaded with it) and dynamically (lazily). */
export function relativeImports(code: string): { static: string[]; dynamic: string[] } {
  const statics = [...code.matchAll(/(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w*{}\s,$]+from\s*)?["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]!)
  const dynamics = [...code.matchAll(/\bimport\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g)].map((m) => m[1]!)
  return { static: statics, dynamic: dynamics }
}

/** An entry file and every file it imports statically, transitively: what loads with it. */
export function staticClosure(pkg: Unpacked, entry: string): string[] {
  const seen = new Set<string>()
  const visit = (file: string) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const specifier of relativeImports(pkg.read(file)).static) visit(path.posix.join(path.posix.dirname(file), specifier))
  }
  visit(entry)
  return [...seen]
}
