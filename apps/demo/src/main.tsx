import '@fontsource/ibm-plex-sans-arabic/400.css'
import '@fontsource/ibm-plex-sans-arabic/600.css'
import '@fontsource/ibm-plex-mono/400.css'
import { QueryClient, QueryClientProvider } from '@tanstack/react-query'
import '@uplink/react/theme.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import './demo.css'

const queryClient = new QueryClient()

// ?dir=rtl lays the page out right to left (for checking the mirrored layout).
const dir = new URLSearchParams(location.search).get('dir')
if (dir === 'rtl') document.documentElement.dir = 'rtl'

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
)
