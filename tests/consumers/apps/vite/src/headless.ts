import { uploader } from './headless-example'

// headless-example.ts is the example of @uplink/core's README, copied verbatim by the test.
Object.assign(window, { uplinkForTests: uploader })
