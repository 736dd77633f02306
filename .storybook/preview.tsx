import '@fontsource/ibm-plex-sans-arabic/400.css'
import '@fontsource/ibm-plex-sans-arabic/600.css'
import '@fontsource/ibm-plex-mono/400.css'
import type { Decorator, Preview } from '@storybook/react-vite'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { type CSSProperties, useState } from 'react'
// The default theme, as a consumer imports it (@uplink/react/theme.css).
import '../packages/react/src/theme.css'

/** Host pages the widget is shown on: a plain light page, or a dark one. */
const hostColours = { light: { background: '#ffffff', color: '#1b1f24' }, dark: { background: '#0d1014', color: '#e8eaed' } }

/**
 * Theme (light / dark), host page (light / dark; by default the theme's) and direction, from the
 * toolbar or a story's globals. The host fills the whole canvas; the widget paints its own
 * surfaces on it, so "dark widget on a light host" is a real case to look at (and to test).
 * Fonts are self-hosted (IBM Plex Sans Arabic: Latin and Arabic; IBM Plex Mono for technical
 * details), so screenshots are the same on every machine (visual/fonts.ts checks it).
 */
const withThemeAndDirection: Decorator = (Story, context) => {
  const theme = (context.globals.uplinkTheme as 'light' | 'dark' | undefined) ?? 'light'
  const host = (context.globals.host as 'light' | 'dark' | undefined) ?? theme
  const dir = (context.globals.dir as string | undefined) ?? 'ltr'
  const style = {
    ...hostColours[host],
    padding: '1rem',
    minHeight: '100vh',
    boxSizing: 'border-box',
    fontFamily: '"IBM Plex Sans Arabic", system-ui, sans-serif',
    '--uplink-font': '"IBM Plex Sans Arabic", system-ui, sans-serif',
    '--uplink-font-mono': '"IBM Plex Mono", ui-monospace, monospace',
  } as CSSProperties
  return (
    <div data-uplink-theme={theme} data-host={host} dir={dir} lang={dir === 'rtl' ? 'ar' : 'en'} style={style}>
      <Story />
    </div>
  )
}

function QueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: false } } }))
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>
}
const withQueryClient: Decorator = (Story) => (
  <QueryProvider>
    <Story />
  </QueryProvider>
)

const preview: Preview = {
  parameters: {
    layout: 'fullscreen',
    // Violations fail the story's test (in the storybook Vitest project and in CI).
    a11y: { test: 'error' },
  },
  globalTypes: {
    uplinkTheme: {
      description: 'Uplink theme',
      toolbar: { title: 'Theme', icon: 'contrast', items: ['light', 'dark'], dynamicTitle: true },
    },
    host: {
      description: 'Host page behind the widget',
      toolbar: { title: 'Host page', icon: 'browser', items: ['light', 'dark'], dynamicTitle: true },
    },
    dir: {
      description: 'Text direction',
      toolbar: { title: 'Direction', icon: 'transfer', items: ['ltr', 'rtl'], dynamicTitle: true },
    },
  },
  initialGlobals: { uplinkTheme: 'light', dir: 'ltr' },
  decorators: [withThemeAndDirection, withQueryClient],
  tags: ['autodocs'],
}
export default preview
