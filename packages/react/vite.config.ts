import { libraryConfig, pkg } from '../../scripts/vite-lib.ts'

export default libraryConfig({
  entries: { index: 'src/index.ts' },
  external: [pkg('@uplink/core'), pkg('react'), pkg('react-dom'), pkg('@tanstack/react-query'), pkg('zustand')],
})
