// Creates the test bucket on radosgw with a CORS rule that lets a browser PUT parts and read
// their ETag (s3.md §5). Reads the endpoint and credentials start.sh exported from its state file.
import { CreateBucketCommand, GetBucketCorsCommand, PutBucketCorsCommand, S3Client } from '@aws-sdk/client-s3'

const env = (name) => {
  const value = process.env[name]
  if (!value) throw new Error(`create-bucket: ${name} is not set`)
  return value
}
const Bucket = env('RADOSGW_BUCKET')
const s3 = new S3Client({
  region: env('RADOSGW_REGION'),
  endpoint: env('RADOSGW_ENDPOINT'),
  forcePathStyle: true,
  credentials: { accessKeyId: env('RADOSGW_ACCESS_KEY'), secretAccessKey: env('RADOSGW_SECRET_KEY') },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
})

await s3.send(new CreateBucketCommand({ Bucket }))
await s3.send(
  new PutBucketCorsCommand({
    Bucket,
    CORSConfiguration: {
      CORSRules: [
        {
          AllowedOrigins: ['*'],
          AllowedMethods: ['GET', 'PUT', 'HEAD'],
          AllowedHeaders: ['*'],
          ExposeHeaders: ['ETag'],
          MaxAgeSeconds: 600,
        },
      ],
    },
  }),
)
const cors = await s3.send(new GetBucketCorsCommand({ Bucket }))
if (!cors.CORSRules?.[0]?.ExposeHeaders?.includes('ETag')) throw new Error('create-bucket: the CORS rule did not stick')
console.log(`create-bucket: ${Bucket} with CORS exposing ETag`)
