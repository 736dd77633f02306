import { errorMessages } from './error-messages'
import { type UplinkMessageOverrides, type UplinkMessages, englishMessages, mergeOver, withErrors } from './messages'

/**
 * Every English message, the error sentences included, for apps that build on them. The
 * components do not import this module: under a provider the error sentences load with the
 * first failure (lazy-error-messages.ts).
 */
export const defaultMessages: UplinkMessages = /* @__PURE__ */ withErrors(englishMessages, errorMessages)

/** The English messages (error sentences included) with an app's overrides. */
export const mergeMessages = (overrides: UplinkMessageOverrides | undefined): UplinkMessages => mergeOver(defaultMessages, overrides)
