import { UploadError } from '../errors'

/**
 * Checks for options and arguments where they enter: a bad value is a typed `invalid-option`
 * error, thrown at once, naming the option and the value (NaN, a negative size or Infinity
 * would otherwise fail much later, or worse, "succeed" with a 0-byte object).
 */
export function invalidOption(name: string, value: unknown, expected: string): UploadError {
  return new UploadError({ code: 'invalid-option', message: `${name} must be ${expected}; got ${describe(value)}.` })
}

function describe(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean' || value === undefined || value === null) return String(value)
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') return 'a function'
  return Object.prototype.toString.call(value)
}

/** An integer in [min, max]; undefined passes (the option takes its default). */
export function checkInteger(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw invalidOption(name, value, max === Number.MAX_SAFE_INTEGER ? `a whole number of at least ${min}` : `a whole number from ${min} to ${max}`)
  }
}

/** A finite number in [min, max]; undefined passes. */
export function checkNumber(name: string, value: unknown, min: number, max = Number.MAX_VALUE): void {
  if (value === undefined) return
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw invalidOption(name, value, max === Number.MAX_VALUE ? `a finite number of at least ${min}` : `a finite number from ${min} to ${max}`)
  }
}

export function checkBoolean(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'boolean') throw invalidOption(name, value, 'true or false')
}

export function checkFunction(name: string, value: unknown): void {
  if (value !== undefined && typeof value !== 'function') throw invalidOption(name, value, 'a function')
}

export function checkObject(name: string, value: unknown): void {
  if (value !== undefined && (typeof value !== 'object' || value === null)) throw invalidOption(name, value, 'an object')
}
