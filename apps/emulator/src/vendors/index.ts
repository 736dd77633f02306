import type { VendorContext, VendorModule } from '../kit/vendor'
import { createBlaxel } from './blaxel'
import { createCognite } from './cognite'

/** Every vendor API the emulator serves, each under /<name>/. */
export function createVendors(context: VendorContext): VendorModule[] {
  return [createBlaxel(context), createCognite(context)]
}
