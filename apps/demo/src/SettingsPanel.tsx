import type { ByteUnits } from '@uplink/react'
import type { S3Checksum } from '@uplink/providers/s3'
import { type FormEvent, useId, useState } from 'react'
import { faultPresets } from './faults'
import type { DemoProvider } from './providers'
import { type UploadSettings, checksums, concurrencies, partSizes } from './settings'

interface SettingsPanelProps {
  provider: DemoProvider
  settings: UploadSettings
  /** Part size, concurrency and checksums start a new upload session (the list starts empty). */
  onApply: (settings: UploadSettings) => void
  /** Units change how sizes read, at once. */
  onUnits: (units: ByteUnits) => void
  faultPreset: string
  onFaultPreset: (id: string) => void
  /** What the emulator said it now does, or why it could not be told. */
  faultStatus: string
}

/** How uploads run (applied as a new session) and what the server does to them (at once). */
export function SettingsPanel({ provider, settings, onApply, onUnits, faultPreset, onFaultPreset, faultStatus }: SettingsPanelProps) {
  const [draft, setDraft] = useState(settings)
  const [lastApplied, setLastApplied] = useState(settings)
  // A new session from outside (e.g. another storage) resets the form to what is in force.
  if (lastApplied !== settings) {
    setLastApplied(settings)
    setDraft(settings)
  }
  const dirty = draft.partSize !== settings.partSize || draft.concurrency !== settings.concurrency || draft.checksum !== settings.checksum || draft.wholeFileHash !== settings.wholeFileHash
  const noteId = useId()
  const submit = (event: FormEvent) => {
    event.preventDefault()
    onApply(draft)
  }
  return (
    <section className="card" aria-labelledby="settings-heading">
      <h2 id="settings-heading">Settings</h2>
      <form className="settings" onSubmit={submit} data-testid="settings-form">
        <label>
          Part size
          <select
            data-testid="part-size"
            value={String(draft.partSize)}
            onChange={(e) => setDraft({ ...draft, partSize: e.target.value === 'auto' ? 'auto' : Number(e.target.value) })}
          >
            {partSizes.map((option) => (
              <option key={String(option.value)} value={String(option.value)}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Parts in flight
          <select data-testid="concurrency" value={draft.concurrency} onChange={(e) => setDraft({ ...draft, concurrency: Number(e.target.value) })}>
            {concurrencies.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Part checksum
          <select
            data-testid="checksum"
            value={draft.checksum}
            disabled={!provider.checksums}
            aria-describedby={provider.checksums ? undefined : `${noteId}-checksum`}
            onChange={(e) => setDraft({ ...draft, checksum: e.target.value as S3Checksum })}
          >
            {checksums.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        {provider.checksums ? null : (
          <p className="field-note" id={`${noteId}-checksum`}>
            {provider.label} checks parts its own way; this choice is for S3.
          </p>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="whole-file-hash"
            checked={draft.wholeFileHash}
            onChange={(e) => setDraft({ ...draft, wholeFileHash: e.target.checked })}
          />
          Compute each file’s SHA-256 in the browser first
        </label>
        <p className="field-note" id={noteId}>
          These start a new upload session: the list starts empty.
        </p>
        <button type="submit" className="button" data-testid="apply-settings" disabled={!dirty} aria-describedby={noteId}>
          Apply
        </button>
      </form>
      <div className="settings">
        <label>
          Sizes in
          <select data-testid="units" value={settings.units} onChange={(e) => onUnits(e.target.value as ByteUnits)}>
            <option value="binary">KiB, MiB (1,024)</option>
            <option value="decimal">kB, MB (1,000)</option>
          </select>
        </label>
        <label>
          Server behaviour
          <select data-testid="fault-preset" value={faultPreset} onChange={(e) => onFaultPreset(e.target.value)}>
            {faultPresets.map((preset) => (
              <option key={preset.id} value={preset.id}>
                {preset.label}
              </option>
            ))}
          </select>
        </label>
        <output className="field-note" data-testid="fault-status">
          {faultStatus}
        </output>
      </div>
    </section>
  )
}
