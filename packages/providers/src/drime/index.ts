export { createDrimeProvider } from './drime-provider'
export type { DrimeProviderOptions, DrimeResult, DrimeSession } from './drime-provider'
export { DRIME_LIMITS } from './limits'
