import type { Uploader } from '@uplink/core'
import { FileList, TotalProgress, UploaderProvider } from '@uplink/react'
import { createRoot, type Root } from 'react-dom/client'

let root: Root | undefined

/** Show the uploader's files as an app would: the virtualized FileList plus total progress. */
export function showList(uploader: Uploader): void {
  root ??= createRoot(document.getElementById('list')!)
  root.render(
    <UploaderProvider uploader={uploader}>
      <TotalProgress />
      <FileList />
    </UploaderProvider>,
  )
}

export function hideList(): void {
  root?.render(null)
}
