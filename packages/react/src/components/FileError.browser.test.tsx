import { cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { UploaderProvider } from '../context'
import { FileItem } from './FileItem'
import { createStoryUploader, seedFiles } from './story-uploader'

afterEach(cleanup)

// The English error sentences are a chunk of their own, loaded by the first failure shown. This
// file runs in a page of its own, where nothing has loaded them yet when the first test starts.
const failed = (code: 'unauthorized' | 'network') => {
  const uploader = createStoryUploader({ autoStart: false })
  const [id] = seedFiles(uploader, [{ name: 'scan.png', size: 10, status: 'error', error: { code, message: '403 Forbidden', status: 403 } }])
  return { uploader, id: id! }
}
const sentence = (container: HTMLElement) => container.querySelector('[data-uplink-file-error-message]')?.textContent

describe('a failed file whose error sentence has not loaded yet', () => {
  it('reads the generic sentence, never a wrong one, then the sentence for its code once loaded', async () => {
    const { uploader, id } = failed('unauthorized')
    const { container } = render(
      <UploaderProvider uploader={uploader}>
        <FileItem id={id} />
      </UploaderProvider>,
    )
    // Right after the first render: the chunk cannot have arrived yet.
    expect(sentence(container)).toBe('The upload failed. Retry in a moment.')
    await waitFor(() => expect(sentence(container)).toBe('You are not allowed to upload here. Sign in again, then retry.'))
    // The technical detail was there all along.
    expect(container.querySelector('[data-uplink-error-code]')?.textContent).toBe('unauthorized')

    // A second provider on the page, mounted later, has the sentences from its first render.
    const second = failed('network')
    const { container: later } = render(
      <UploaderProvider uploader={second.uploader}>
        <FileItem id={second.id} />
      </UploaderProvider>,
    )
    expect(sentence(later)).toBe('The connection dropped. Check your network, then retry.')
    uploader.dispose()
    second.uploader.dispose()
  })

  it('shows an app’s own sentence at once, without waiting for the English ones', () => {
    const { uploader, id } = failed('unauthorized')
    const { container } = render(
      <UploaderProvider uploader={uploader} messages={{ errors: { unauthorized: 'Bitte melden Sie sich erneut an.' } }}>
        <FileItem id={id} />
      </UploaderProvider>,
    )
    expect(sentence(container)).toBe('Bitte melden Sie sich erneut an.')
    uploader.dispose()
  })
})
