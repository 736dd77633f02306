import { abortUpload } from './abort-upload'
import { completeUpload } from './complete-upload'
import { createMultipart } from './create-multipart'
import { listParts } from './list-parts'
import { presignObject } from './presign-object'
import { presignObjects } from './presign-objects'
import type { SignerRoute } from './route'
import { signParts } from './sign-parts'

export type { RouteContext, SignerRoute } from './route'

/** The signer's whole API (s3.md §1 shape, plus the upload token). Order matters: specific paths first. */
export const SIGNER_ROUTES: readonly SignerRoute[] = [createMultipart, presignObject, presignObjects, signParts, completeUpload, listParts, abortUpload]
