import type { VendorContext, VendorModule } from '../kit/vendor'

/** Every vendor API the emulator serves, each under /<name>/. */
export function createVendors(_context: VendorContext): VendorModule[] {
  return []
}
