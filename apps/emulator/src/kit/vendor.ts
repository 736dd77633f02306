import type { Hono } from 'hono'
import type { Faults } from './faults'
import type { ObjectStore } from './stored-objects'

/** What the emulator gives each vendor module. */
export interface VendorContext {
  /** Root of all emulator data; a vendor keeps its files under `<dataDir>/<vendor>/`. */
  dataDir: string
  faults: Faults
  /** The bearer token requests must carry. */
  token: string
  /** The emulator's own base URL (e.g. http://127.0.0.1:4600), for URLs the vendor hands out. */
  publicUrl: string
}

/** A vendor API served under `/<name>/…` on the emulator. */
export interface VendorModule {
  name: string
  app: Hono
  /** Finished objects, for GET /__inspect/<name>?key=… */
  objects: ObjectStore
}
