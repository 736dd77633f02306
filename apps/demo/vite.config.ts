import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The demo consumes the *built* packages (dist/), as an app that installed them would.
export default defineConfig({
  plugins: [react()],
  optimizeDeps: { exclude: ['@uplink/core', '@uplink/providers', '@uplink/react'] },
  worker: { format: 'es' },
  build: { target: 'es2022' },
})
