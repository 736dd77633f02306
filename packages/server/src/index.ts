export { createS3Signer } from './s3-signer'
export type { S3SignerOptions } from './s3-signer'
export { buildObjectKey } from './object-key'
