import { BulkActions, Dropzone, FileItem, FileList, TotalProgress, UploaderProvider, type ByteUnits } from '@uplink/react'
import { useCallback, useEffect, useState } from 'react'
import { putFaults } from './emulator'
import { faultPresetById } from './faults'
import { type DemoProvider, demoProviders, providerById } from './providers'
import { uploaderOptionsFromQuery } from './query-options'
import { ServerFiles } from './ServerFiles'
import { SettingsPanel } from './SettingsPanel'
import { type UploadSettings, defaultSettings } from './settings'
import { StoredObject } from './StoredObject'
import { type Theme, ThemePicker } from './ThemePicker'
import { useUploaderSession } from './use-uploader-session'

const params = new URLSearchParams(location.search)
const initialTheme = (['light', 'dark'].includes(params.get('theme') ?? '') ? params.get('theme') : 'system') as Theme
// Limits and part size from the query string (?maxFileSize=&maxFiles=&accept=&partSize=&concurrency=),
// for the e2e suite and for trying limits by hand. The drop zone gets the same limits as the
// uploader, so it says them under its button and refuses a file with a sentence a person reads.
const queryOptions = uploaderOptionsFromQuery(location.search)

export function App() {
  const [provider, setProvider] = useState(() => providerById(params.get('provider')))
  const [settings, setSettings] = useState<UploadSettings>(defaultSettings)
  const [theme, setTheme] = useState<Theme>(initialTheme)
  // Undefined until someone picks a behaviour: the page never touches faults set by others
  // (a test, or a developer with curl) just by loading.
  const [faultPreset, setFaultPreset] = useState<string | undefined>(undefined)
  const [faultStatus, setFaultStatus] = useState('')
  const uploader = useUploaderSession(provider, settings, queryOptions)

  // The emulator's faults follow the preset and the storage (each API has its own part route).
  useEffect(() => {
    if (faultPreset === undefined) return
    const preset = faultPresetById(faultPreset)
    let current = true
    putFaults(preset.rules(provider)).then(
      () => current && setFaultStatus(preset.id === 'none' ? 'The emulator answers normally.' : `The emulator now does this to ${provider.label}.`),
      (error: Error) => current && setFaultStatus(`The emulator could not be told: ${error.message}`),
    )
    return () => {
      current = false
    }
  }, [faultPreset, provider])

  const onUnits = useCallback((units: ByteUnits) => setSettings((s) => ({ ...s, units })), [])
  const onApply = useCallback((next: UploadSettings) => setSettings(next), [])

  return (
    <div className="app" data-uplink-theme={theme === 'system' ? undefined : theme}>
      <header className="masthead">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Uplink
        </div>
        <ThemePicker theme={theme} onChange={setTheme} />
      </header>
      <main className="page">
        <div className="intro">
          <h1>Upload anything, to any storage</h1>
          <p>
            Large files go in parts, hashed off the main thread, resumed after a reload. This page runs against a local emulator of seven storage
            APIs: nothing leaves your machine.
          </p>
        </div>
        <StoragePicker provider={provider} onChange={setProvider} />
        {uploader ? (
          <UploaderProvider uploader={uploader} units={settings.units}>
            <div className="layout">
              <section className="card upload-card" aria-labelledby="upload-heading">
                <h2 id="upload-heading">Upload to {provider.label}</h2>
                <Dropzone className="dropzone" {...queryOptions.restrictions} />
                <BulkActions />
                <TotalProgress />
                <FileList
                  className="files"
                  renderItem={(id) => <FileItem id={id} extra={(file) => (file.status === 'done' && file.result ? <StoredObject file={file} provider={provider} /> : null)} />}
                />
              </section>
              <aside className="side">
                <SettingsPanel
                  provider={provider}
                  settings={settings}
                  onApply={onApply}
                  onUnits={onUnits}
                  faultPreset={faultPreset ?? 'none'}
                  onFaultPreset={setFaultPreset}
                  faultStatus={faultStatus}
                />
                <ServerFiles provider={provider} />
              </aside>
            </div>
          </UploaderProvider>
        ) : (
          <p className="card-note">Getting the uploader ready…</p>
        )}
      </main>
    </div>
  )
}

function StoragePicker({ provider, onChange }: { provider: DemoProvider; onChange: (provider: DemoProvider) => void }) {
  return (
    <div className="storage-picker">
      <label htmlFor="storage">Storage</label>
      <select id="storage" value={provider.id} onChange={(event) => onChange(providerById(event.target.value))} data-testid="provider-select" aria-describedby="storage-description">
        {demoProviders.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      <p id="storage-description" className="field-note">
        {provider.description}
      </p>
    </div>
  )
}
