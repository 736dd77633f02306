import { libraryConfig, pkg } from '../../scripts/vite-lib.ts'

export default libraryConfig({ entries: { index: 'src/index.ts', internal: 'src/internal.ts' }, external: [pkg('zustand')] })
