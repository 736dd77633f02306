import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Plugin } from 'vite'
import { libraryConfig } from '../../scripts/vite-lib.ts'

/** Ships the default theme as a plain CSS file (dist/theme.css); no style is injected from JS. */
const emitTheme = (): Plugin => ({
  name: 'uplink-emit-theme',
  generateBundle() {
    const source = readFileSync(fileURLToPath(new URL('./src/theme.css', import.meta.url)), 'utf8')
    this.emitFile({ type: 'asset', fileName: 'theme.css', source })
  },
})

const config = libraryConfig({
  entries: { index: 'src/index.ts', query: 'src/query/index.ts' },
  workers: { 'thumbnail.worker.js': 'src/thumbnail/thumbnail.worker.ts' },
})
export default { ...config, plugins: [...(config.plugins ?? []), emitTheme()] }
