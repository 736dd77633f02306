/**
 * The few Laravel validation rules Drime's endpoints use, with Laravel's messages, so a 422
 * looks like the real one: `{"message": "<first error> (and N more errors)", "errors": {field: [..]}}`.
 */
export interface FieldRule {
  field: string
  type: 'string' | 'integer' | 'array' | 'boolean'
  required?: boolean
  nullable?: boolean
  min?: number
}

export type ValidationErrors = Record<string, string[]>

/** Laravel shows `workspaceId` as "workspace id". */
export const displayName = (field: string) =>
  field.includes('.') ? field : field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/_/g, ' ').toLowerCase()

const isType = (value: unknown, type: FieldRule['type']) =>
  type === 'string'
    ? typeof value === 'string'
    : type === 'integer'
      ? Number.isSafeInteger(value)
      : type === 'array'
        ? Array.isArray(value)
        : typeof value === 'boolean'

const typeMessage: Record<FieldRule['type'], string> = { string: 'a string', integer: 'an integer', array: 'an array', boolean: 'true or false' }

export function validate(body: Record<string, unknown>, rules: FieldRule[]): ValidationErrors {
  const errors: ValidationErrors = {}
  const add = (field: string, message: string) => (errors[field] ??= []).push(message)
  for (const rule of rules) {
    const value = body[rule.field]
    const name = displayName(rule.field)
    // Laravel's "required" fails for null, "" and [].
    const missing = value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)
    if (missing) {
      if (rule.required && !(rule.nullable && value === null)) add(rule.field, `The ${name} field is required.`)
      continue
    }
    if (!isType(value, rule.type)) {
      add(rule.field, rule.type === 'boolean' ? `The ${name} field must be true or false.` : `The ${name} field must be ${typeMessage[rule.type]}.`)
      continue
    }
    if (rule.min !== undefined && typeof value === 'number' && value < rule.min) add(rule.field, `The ${name} field must be at least ${rule.min}.`)
  }
  return errors
}

/** Laravel's 422 body for `errors`. */
export function validationBody(errors: ValidationErrors) {
  const messages = Object.values(errors).flat()
  const more = messages.length - 1
  const message = more > 0 ? `${messages[0]} (and ${more} more ${more === 1 ? 'error' : 'errors'})` : messages[0]
  return { message, errors }
}
