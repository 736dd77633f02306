// The thumbnail's code as one chunk (see lazyChunks in vite.config.ts): index.ts exports it,
// FileItem loads it when its first row is drawn, so a page with no file yet never downloads it.
export { Thumbnail } from '../components/Thumbnail'
export { useThumbnail } from './use-thumbnail'
export { fileKind } from './file-kind'
