import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Uploads, uploader } from './uploads'

// uploads.tsx is the example of @uplink/react's README, copied verbatim by the test.
Object.assign(window, { uplinkForTests: uploader })
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Uploads />
  </StrictMode>,
)
