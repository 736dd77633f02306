import type { SerializedUploadError } from '@uplink/core'
import { useEffect } from 'react'
import { useIcons, useMessages } from '../context'
import { loadErrorMessages } from '../i18n/lazy-error-messages'
import { errorText } from '../i18n/messages'
import { Icon } from '../icons/icons'
import { useRowTabIndex } from './row-focus'

/**
 * Why a file failed, for a person: the plain sentence for its error code (translatable through
 * `messages.errors`), and the technical detail one click away in a <details> element (code,
 * HTTP status, the engine's own message) for support and developers. The English sentences
 * load with the first failure shown: until then the generic `errorFallback` reads, and the
 * precise sentence replaces it as soon as it is here.
 */
export function FileError({ error }: { error: SerializedUploadError }) {
  const messages = useMessages()
  const icons = useIcons()
  const tabIndex = useRowTabIndex()
  const missing = messages.errors[error.code] === undefined
  useEffect(() => {
    if (missing) void loadErrorMessages()
  }, [missing])
  return (
    <div data-uplink-file-error="" data-code={error.code}>
      <p data-uplink-file-error-message="">
        <Icon>{icons.error}</Icon>
        <span>{errorText(messages, error)}</span>
      </p>
      <details data-uplink-error-details="">
        <summary tabIndex={tabIndex}>{messages.errorDetails}</summary>
        <dl>
          <dt>{messages.errorCode}</dt>
          <dd data-uplink-error-code="">{error.code}</dd>
          {error.status !== undefined ? (
            <>
              <dt>{messages.errorHttpStatus}</dt>
              <dd data-uplink-error-status="">{error.status}</dd>
            </>
          ) : null}
          <dt>{messages.errorTechnicalMessage}</dt>
          <dd data-uplink-error-technical="">{error.message}</dd>
        </dl>
      </details>
    </div>
  )
}
