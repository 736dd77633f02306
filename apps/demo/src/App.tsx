import { type UploaderState, createUploader, selectFiles } from '@uplink/core'
import { Dropzone, FileList, TotalProgress, UploadButton, UploaderProvider, useFile, useUploaderState } from '@uplink/react'
import { useEffect, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { type DemoProvider, demoProviders } from './providers'
import { ServerFiles } from './ServerFiles'
import { StoredObjectInfo } from './StoredObjectInfo'

export function App() {
  const [providerId, setProviderId] = useState(() => new URLSearchParams(location.search).get('provider') ?? 's3')
  const provider = demoProviders.find((p) => p.id === providerId) ?? demoProviders[0]!
  return (
    <main>
      <h1>Uplink demo</h1>
      <p>Everything runs against the local emulator on loopback: no cloud account needed.</p>
      <label className="provider-picker">
        Storage{' '}
        <select value={provider.id} onChange={(event) => setProviderId(event.target.value)} data-testid="provider-select">
          {demoProviders.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      {/* A new uploader per storage: switching never mixes sessions of two APIs. */}
      <UploadSession key={provider.id} provider={provider} />
    </main>
  )
}

function UploadSession({ provider }: { provider: DemoProvider }) {
  const uploader = useMemo(() => createUploader({ provider: provider.make(), concurrency: 4 }), [provider])
  // Disposed when this session unmounts (a switch of storage), not by StrictMode's remount.
  useEffect(() => uploader.retain(), [uploader])
  return (
    <UploaderProvider uploader={uploader}>
      <Dropzone className="dropzone" />
      <p>
        <UploadButton className="button">Choose files</UploadButton>
      </p>
      <TotalProgress className="total" />
      <FileList className="files" />
      <Finished provider={provider} />
      <ServerFiles store={provider.store} />
    </UploaderProvider>
  )
}

const selectDoneIds = (state: UploaderState) => selectFiles(state).filter((file) => file.status === 'done').map((file) => file.id)

function Finished({ provider }: { provider: DemoProvider }) {
  const doneIds = useUploaderState(useShallow(selectDoneIds))
  if (doneIds.length === 0) return null
  return (
    <section aria-label="Stored objects">
      <h2>Just uploaded</h2>
      {doneIds.map((id) => (
        <FinishedFile key={id} id={id} provider={provider} />
      ))}
    </section>
  )
}

function FinishedFile({ id, provider }: { id: string; provider: DemoProvider }) {
  const file = useFile(id)
  if (!file?.result) return null
  return (
    <article data-testid="stored-object">
      <h3>{file.name}</h3>
      <StoredObjectInfo store={provider.store} objectKey={provider.storedKey(file.result)} />
    </article>
  )
}
