/** Where the local emulator listens (see apps/emulator). */
export const EMULATOR_URL: string = import.meta.env.VITE_EMULATOR_URL ?? 'http://127.0.0.1:4600'

export interface StoredObject {
  key: string
  size: number
  sha256: string
}

/** Ask the emulator what it actually stored: size and SHA-256 computed from the stored bytes. */
export async function fetchStoredObject(key: string): Promise<StoredObject> {
  const response = await fetch(`${EMULATOR_URL}/__inspect/s3?key=${encodeURIComponent(key)}`)
  if (!response.ok) throw new Error(`inspection failed: ${response.status}`)
  return (await response.json()) as StoredObject
}
