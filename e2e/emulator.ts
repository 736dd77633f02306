import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const EMULATOR = 'http://127.0.0.1:4600'
/** The data folder playwright.config.ts gives the emulator. */
export const DATA_DIR = fileURLToPath(new URL('../reports/emulator-data', import.meta.url))

export interface LoggedRequest {
  method: string
  path: string
  status: number
  parts?: number
}

export async function requestLog(): Promise<LoggedRequest[]> {
  return (await (await fetch(`${EMULATOR}/__log`)).json()) as LoggedRequest[]
}

export async function clearRequestLog(): Promise<void> {
  await fetch(`${EMULATOR}/__log`, { method: 'DELETE' })
}

/** Files under the data folder whose path contains `fragment`. */
export async function findStoredFiles(fragment: string): Promise<string[]> {
  const entries = await readdir(DATA_DIR, { recursive: true, withFileTypes: true })
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .filter((p) => p.includes(fragment))
}

export const readStored = (file: string) => readFile(file)
