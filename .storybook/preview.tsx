import type { Decorator, Preview } from '@storybook/react-vite'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
// The default theme, as a consumer imports it (@uplink/react/theme.css).
import '../packages/react/src/theme.css'

/** Theme (light / dark) and direction (ltr / rtl) from the toolbar, or fixed by a story's globals. */
const withThemeAndDirection: Decorator = (Story, context) => {
  const theme = (context.globals.uplinkTheme as string | undefined) ?? 'light'
  const dir = (context.globals.dir as string | undefined) ?? 'ltr'
  return (
    <div data-uplink-theme={theme} dir={dir} lang={dir === 'rtl' ? 'ar' : 'en'} style={{ padding: '1rem', minHeight: '100%' }}>
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
