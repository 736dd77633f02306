// The code that runs uploads, loaded when the first file runs (see loadEngine in uploader.ts):
// a page that shows a drop zone pays for it only once someone uploads.
export { runFile } from './run-file'
export { createAutoTuner } from '../engine/auto-tuner'
