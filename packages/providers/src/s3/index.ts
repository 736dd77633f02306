export { createS3Provider } from './s3-provider'
export type { S3ProviderOptions, S3Session } from './s3-provider'
export type { S3Checksum } from './checksum'
export { S3_LIMITS } from './limits'
