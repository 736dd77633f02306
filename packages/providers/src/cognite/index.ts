export { createCogniteProvider } from './cognite-provider'
export type { CogniteProviderOptions, CogniteSession, CogniteFileFields } from './cognite-provider'
export { COGNITE_LIMITS, COGNITE_MAX_CONCURRENCY, COGNITE_URL_LIFETIME_MS } from './limits'
export { checkCognitePlan, cogniteSuggestedPartSize, partUrlsOf } from './part-plan'
