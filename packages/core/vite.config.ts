import { libraryConfig } from '../../scripts/vite-lib.ts'

// hash-wasm and @noble/hashes (dependencies) stay external in the lazy main-thread hashing chunks, where the app's
// bundler resolves it; the hash worker is built on its own with hash-wasm inside.
export default libraryConfig({
  entries: { index: 'src/index.ts', internal: 'src/internal.ts' },
  workers: { 'hash.worker.js': 'src/hashing/hash.worker.ts' },
})
