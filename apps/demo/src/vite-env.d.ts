/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly VITE_EMULATOR_URL?: string
  readonly VITE_EMULATOR_TOKEN?: string
}
