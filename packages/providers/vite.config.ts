import { libraryConfig, pkg } from '../../scripts/vite-lib.ts'

export default libraryConfig({
  entries: { index: 'src/index.ts', s3: 'src/s3/index.ts', blaxel: 'src/blaxel/index.ts', cognite: 'src/cognite/index.ts', tus: 'src/tus/index.ts', drime: 'src/drime/index.ts', archetype: 'src/archetype/index.ts', gjirafa: 'src/gjirafa/index.ts' },
  external: [pkg('@uplink/core')],
})
