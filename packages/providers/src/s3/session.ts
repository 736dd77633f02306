export interface S3Session {
  key: string
  uploadId: string
  /**
   * The signer's upload token (createS3Signer issues one; other signers may not): sent back on
   * every call for this upload. Not a bearer credential: the signer accepts it only from the
   * identity it was issued to, and it expires, so it is kept for resume like the upload id.
   */
  token: string | undefined
  partCount: number
}

export const newSession = (key: string, uploadId: string, token: string | undefined, partCount: number): S3Session => ({ key, uploadId, token, partCount })
