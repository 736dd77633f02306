export * from './s3/index'
export { requestJson } from './http/json-request'
export type { TokenSupplier, JsonRequestOptions } from './http/json-request'
