export { createGjirafaProvider } from './gjirafa-provider'
export type { GjirafaProviderOptions, GjirafaResult, GjirafaSession } from './gjirafa-provider'
export { GJIRAFA_LIMITS } from './limits'
