import { libraryConfig, pkg } from '../../scripts/vite-lib.ts'

export default libraryConfig({
  entries: { index: 'src/index.ts', s3: 'src/s3/index.ts' },
  external: [pkg('@uplink/core')],
})
