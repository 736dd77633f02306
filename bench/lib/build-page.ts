import react from '@vitejs/plugin-react'
import path from 'node:path'
import { build } from 'vite'
import { pageDir, tmpDir } from './paths'
import { uplinkAliases } from './uplink-aliases'

export const pageOutDir = path.join(tmpDir, 'page')

/** Build the bench page as an app would be built: Vite app mode, minified, against dist/. */
export async function buildPage(): Promise<string> {
  await build({
    configFile: false,
    root: pageDir,
    base: './',
    logLevel: 'warn',
    plugins: [react()],
    resolve: { alias: uplinkAliases() },
    worker: { format: 'es' },
    build: { target: 'es2022', outDir: pageOutDir, emptyOutDir: true, sourcemap: false, minify: process.env.BENCH_NO_MINIFY ? false : 'oxc' },
  })
  return pageOutDir
}
