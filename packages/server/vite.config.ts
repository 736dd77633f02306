import { libraryConfig } from '../../scripts/vite-lib.ts'

export default libraryConfig({ entries: { index: 'src/index.ts' }, platform: 'node' })
