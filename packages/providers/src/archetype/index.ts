export { createArchetypeProvider } from './archetype-provider'
export type { ArchetypeProviderOptions, ArchetypeResult, ArchetypeSession } from './archetype-provider'
export { ARCHETYPE_LIMITS } from './limits'
