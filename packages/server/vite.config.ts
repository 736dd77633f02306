import { libraryConfig, pkg } from '../../scripts/vite-lib.ts'

export default libraryConfig({
  entries: { index: 'src/index.ts' },
  external: [pkg('@aws-sdk/client-s3'), pkg('@aws-sdk/s3-request-presigner'), pkg('hono')],
  platform: 'node',
})
