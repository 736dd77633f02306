import { createUploader, selectFiles } from '@uplink/core'
import { createS3Provider } from '@uplink/providers/s3'

/** One upload through the emulator's S3 API, as an app would make it, under this page's CSP. */
export interface CspRun {
  checksum: 'none' | 'md5' | 'crc32c'
  fallback: 'main-thread' | 'fail'
  size: number
}

export interface CspResult {
  status: string
  code: string | undefined
  hashingMode: string
  key: string | undefined
  sha256: string
  /** Whether this page may compile WebAssembly (it may not without 'wasm-unsafe-eval'). */
  wasm: 'allowed' | 'blocked'
  ms: number
}

const MiB = 1024 * 1024
const EMULATOR = 'http://127.0.0.1:4600'
/** The emulator's development bearer token: its S3 signer is closed by default. */
const TOKEN = 'uplink-dev-token'
const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('')

async function run({ checksum, fallback, size }: CspRun): Promise<CspResult> {
  const started = performance.now()
  const bytes = new Uint8Array(size)
  for (let offset = 0; offset < size; offset += 65_536) crypto.getRandomValues(bytes.subarray(offset, offset + 65_536))
  const uploader = createUploader({
    provider: createS3Provider({ signerUrl: EMULATOR, getToken: () => TOKEN, checksum }),
    partSize: 5 * MiB,
    singleRequestMaxSize: 0,
    persistence: false,
    retry: { attempts: 2, baseDelayMs: 100, maxDelayMs: 200 },
    hashing: { fallback },
  })
  await uploader.addFiles([new File([bytes], `csp-${checksum}-${fallback}.bin`)])
  await uploader.whenIdle()
  const state = uploader.store.getState()
  const [file] = selectFiles(state)
  uploader.dispose()
  const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]) // "\0asm", version 1: the smallest module
  const wasm = await WebAssembly.compile(empty).then(
    () => 'allowed' as const,
    () => 'blocked' as const,
  )
  return {
    status: file!.status,
    code: file!.error?.code,
    hashingMode: state.hashingMode,
    key: typeof file!.result?.key === 'string' ? file!.result.key : undefined,
    sha256: hex(await crypto.subtle.digest('SHA-256', bytes)),
    wasm,
    ms: performance.now() - started,
  }
}

declare global {
  interface Window {
    cspRun: typeof run
  }
}
window.cspRun = run
