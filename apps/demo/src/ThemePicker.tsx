export type Theme = 'system' | 'light' | 'dark'

const themes: Array<{ value: Theme; label: string }> = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
]

/** Light, dark, or as the system says: a labelled group of radio buttons. */
export function ThemePicker({ theme, onChange }: { theme: Theme; onChange: (theme: Theme) => void }) {
  return (
    <fieldset className="theme-picker" data-testid="theme-picker">
      <legend className="visually-hidden">Theme</legend>
      {themes.map((option) => (
        <label key={option.value}>
          <input type="radio" name="theme" value={option.value} checked={theme === option.value} onChange={() => onChange(option.value)} />
          {option.label}
        </label>
      ))}
    </fieldset>
  )
}
