import type { VendorContext, VendorModule } from '../kit/vendor'
import { createArchetype } from './archetype'
import { createBlaxel } from './blaxel'
import { createCognite } from './cognite'
import { createDrime } from './drime'
import { createFakeStorage } from './fake-storage'
import { createGjirafa } from './gjirafa'
import { createTus } from './tus'

/** Every vendor API the emulator serves, each under /<name>/. */
export function createVendors(context: VendorContext): VendorModule[] {
  // The presigned-URL vendors share one fake S3 (mounted at /storage), each in its own bucket.
  const storage = createFakeStorage(context)
  return [
    createBlaxel(context),
    createCognite(context),
    createTus(context),
    storage.module,
    createDrime(context, storage),
    createArchetype(context, storage),
    createGjirafa(context, storage),
  ]
}
