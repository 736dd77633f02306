import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { type PackageDir, packAll, readmeExample } from './lib/packages'
import { runOrThrow } from './lib/process'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The temporary install (outside the workspace) holding the consumer apps. */
    consumerRoot: string
    /** The packed packages, by folder under packages/. */
    tarballs: Record<PackageDir, string>
  }
}

// The apps' own dependencies, pinned (the versions the workspace tests with; next per TOOLCHAIN.md).
const APP_DEPENDENCIES = {
  '@tanstack/react-query': '5.108.0',
  '@types/node': '20.19.43',
  '@types/react': '19.3.0',
  '@types/react-dom': '19.3.0',
  '@vitejs/plugin-react': '6.3.0',
  next: '16.4.6',
  react: '19.3.1',
  'react-dom': '19.3.1',
  typescript: '6.0.3',
  vite: '8.3.8',
  zustand: '5.1.0',
}

let root: string | undefined

/**
 * Packs the built packages and installs the tarballs, with the apps' dependencies, into one
 * fresh folder outside the workspace (one install for all the apps: the run's npm cache is the
 * pnpm store). Each app in apps/ is copied beside it, with the README examples it runs.
 */
export async function setup(project: TestProject) {
  root = await mkdtemp(path.join(tmpdir(), 'uplink-consumers-'))
  const tarballs = await packAll(await mkdirp(path.join(root, 'tarballs')))
  const dependencies = { ...APP_DEPENDENCIES, ...Object.fromEntries(Object.entries(tarballs).map(([dir, file]) => [`@uplink/${dir}`, `file:${file}`])) }
  await writeFile(path.join(root, 'package.json'), JSON.stringify({ name: 'uplink-consumers', private: true, type: 'module', dependencies }, null, 2))
  await cp(path.join(import.meta.dirname, 'apps'), root, { recursive: true })
  const reactExample = readmeExample('react', 'uploads.tsx')
  await writeFile(path.join(root, 'vite/src/uploads.tsx'), reactExample)
  await writeFile(path.join(root, 'next/app/uploads.tsx'), reactExample)
  await writeFile(path.join(root, 'vite/src/headless-example.ts'), readmeExample('core', 'headless-example.ts'))
  await runOrThrow('pnpm', ['install', '--prefer-offline', '--no-frozen-lockfile', '--reporter=append-only'], { cwd: root })
  project.provide('consumerRoot', root)
  project.provide('tarballs', tarballs)
}

export async function teardown() {
  if (root && !process.env.UPLINK_KEEP_CONSUMERS) await rm(root, { recursive: true, force: true })
}

async function mkdirp(dir: string) {
  await mkdir(dir, { recursive: true })
  return dir
}
