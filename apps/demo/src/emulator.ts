/** Where the local emulator listens (see apps/emulator), and its development token. */
export const EMULATOR_URL: string = import.meta.env.VITE_EMULATOR_URL ?? 'http://127.0.0.1:4600'
export const EMULATOR_TOKEN: string = import.meta.env.VITE_EMULATOR_TOKEN ?? 'uplink-dev-token'

export interface StoredObject {
  key: string
  size: number
  sha256: string
}

export interface ListedObject {
  key: string
  size: number
  modifiedAt: string
}

/** A rule of the emulator's fault injection (apps/emulator/src/kit/faults.ts). */
export interface FaultRule {
  route: string
  failRate?: number
  status?: number
  latencyMs?: number
  bytesPerSecond?: number
}

async function json<T>(path: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${EMULATOR_URL}${path}`, init)
  if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status}`)
  return (await response.json()) as T
}

/** What the emulator stored: size and SHA-256 computed from the stored bytes. */
export const fetchStoredObject = (store: string, key: string, signal?: AbortSignal) =>
  json<StoredObject>(`/__inspect/${store}?key=${encodeURIComponent(key)}`, signal ? { signal } : {})

/** Everything a store holds, newest first: one request, however many files. */
export const fetchStoreListing = (store: string, signal: AbortSignal) => json<ListedObject[]>(`/__list/${store}`, { signal })

/** Replace the emulator's fault rules (an empty list clears them). */
export const putFaults = (rules: FaultRule[]) =>
  json<FaultRule[]>('/__faults', { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rules) })
