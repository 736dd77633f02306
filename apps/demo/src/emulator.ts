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

async function getJson<T>(path: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(`${EMULATOR_URL}${path}`, signal ? { signal } : {})
  if (!response.ok) throw new Error(`${path}: ${response.status}`)
  return (await response.json()) as T
}

/** What the emulator stored: size and SHA-256 computed from the stored bytes. */
export const fetchStoredObject = (store: string, key: string) => getJson<StoredObject>(`/__inspect/${store}?key=${encodeURIComponent(key)}`)

/** Everything a store holds, newest first. */
export const fetchStoreListing = (store: string, signal: AbortSignal) => getJson<ListedObject[]>(`/__list/${store}`, signal)
