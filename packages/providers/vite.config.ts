import { libraryConfig } from '../../scripts/vite-lib.ts'

// One entry per adapter, so an app pays only for the adapters it imports.
export default libraryConfig({
  entries: {
    index: 'src/index.ts',
    s3: 'src/s3/index.ts',
    tus: 'src/tus/index.ts',
    blaxel: 'src/blaxel/index.ts',
    cognite: 'src/cognite/index.ts',
    drime: 'src/drime/index.ts',
    archetype: 'src/archetype/index.ts',
    gjirafa: 'src/gjirafa/index.ts',
  },
})
