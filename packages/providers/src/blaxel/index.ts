export { createBlaxelProvider, trustedParts } from './blaxel-provider'
export type { BlaxelProviderOptions, BlaxelSession } from './blaxel-provider'
export { BLAXEL_LIMITS } from './limits'
export { initiatePathSegment, defaultDestination } from './sandbox-path'
