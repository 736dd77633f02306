import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The repository root and the bench folders, whatever the working directory. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url))
export const benchDir = fileURLToPath(new URL('../', import.meta.url))
export const pageDir = fileURLToPath(new URL('../page/', import.meta.url))
export const resultsDir = fileURLToPath(new URL('../results/', import.meta.url))
/** Scratch space outside the repository (so lint never sees built files): page, bundle entries, chart PNG. */
export const tmpDir = path.join(os.tmpdir(), 'uplink-bench')
