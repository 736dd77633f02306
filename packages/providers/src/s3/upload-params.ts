import type { S3Session } from './session'

/** The query naming an upload on the signer: its key and, when there is one, its token. */
export const uploadParams = (session: Pick<S3Session, 'key' | 'token'>) =>
  `key=${encodeURIComponent(session.key)}${session.token ? `&token=${encodeURIComponent(session.token)}` : ''}`

