import { libraryConfig, pkg } from '../../scripts/vite-lib.ts'

export default libraryConfig({ entries: { index: 'src/index.ts' }, external: [pkg('zustand')] })
