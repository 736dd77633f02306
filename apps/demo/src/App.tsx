import { type UploaderState, createUploader, selectFiles } from '@uplink/core'
import { createS3Provider } from '@uplink/providers/s3'
import { Dropzone, FileList, UploaderProvider, useFile, useUploaderState } from '@uplink/react'
import { useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { EMULATOR_URL } from './emulator'
import { StoredObjectInfo } from './StoredObjectInfo'

function createDemoUploader() {
  return createUploader({ provider: createS3Provider({ signerUrl: EMULATOR_URL }), concurrency: 4 })
}

export function App() {
  // One uploader for the page's lifetime (lazy state init survives StrictMode's double render).
  const [uploader] = useState(createDemoUploader)
  return (
    <UploaderProvider uploader={uploader}>
      <main>
        <h1>Uplink demo</h1>
        <p>Files go to the local emulator's S3 (s3rver) through presigned multipart uploads.</p>
        <Dropzone className="dropzone" />
        <FileList className="files" />
        <Finished />
      </main>
    </UploaderProvider>
  )
}

const selectDoneIds = (state: UploaderState) => selectFiles(state).filter((file) => file.status === 'done').map((file) => file.id)

function Finished() {
  const doneIds = useUploaderState(useShallow(selectDoneIds))
  if (doneIds.length === 0) return null
  return (
    <section aria-label="Stored objects">
      <h2>On the server</h2>
      {doneIds.map((id) => (
        <FinishedFile key={id} id={id} />
      ))}
    </section>
  )
}

function FinishedFile({ id }: { id: string }) {
  const file = useFile(id)
  if (!file?.result) return null
  return (
    <article data-testid="stored-object">
      <h3>{file.name}</h3>
      <StoredObjectInfo objectKey={String(file.result.key ?? file.result.location)} />
    </article>
  )
}
