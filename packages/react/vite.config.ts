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
  // Loaded on first need, and exported too: the English error sentences (with the first failure;
  // and with defaultMessages, which is why it is in their chunk) and the thumbnail (with the first row drawn).
  lazyChunks: {
    groups: {
      'error-messages': ['src/i18n/error-messages.ts', 'src/i18n/default-messages.ts'],
      thumbnail: ['src/thumbnail/thumbnail-chunk.ts', 'src/components/Thumbnail.tsx', 'src/thumbnail/use-thumbnail.ts', 'src/thumbnail/file-kind.ts'],
    },
    // The query entry's modules import @tanstack/react-query, an optional peer: kept apart.
    shared: (file) => file.startsWith('src/') && !file.startsWith('src/query/'),
  },
})
export default { ...config, plugins: [...(config.plugins ?? []), emitTheme()] }
