import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestProject } from 'vitest/node'

// Node side of the contract project: starts the real emulator (apps/emulator) as its own
// process on dedicated loopback ports, hands its URL to the page, and stops it afterwards.
// UPLINK_CONTRACT_PORT moves it (and the two S3 ports after it) when another run holds 4910.
const API_PORT = Number(process.env.UPLINK_CONTRACT_PORT ?? 4910)
const root = fileURLToPath(new URL('../../../../', import.meta.url))

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorUrl: string
    emulatorToken: string
  }
}

let child: ChildProcess | undefined
let dataDir: string | undefined

export async function setup(project: TestProject) {
  dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-contract-'))
  child = spawn(process.execPath, ['--no-warnings', '--import', 'tsx', '--conditions=source', 'apps/emulator/src/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      UPLINK_EMULATOR_PORT: String(API_PORT),
      UPLINK_S3_PORT: String(API_PORT + 1),
      UPLINK_S3_INTERNAL_PORT: String(API_PORT + 2),
      UPLINK_DATA_DIR: dataDir,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const url = `http://127.0.0.1:${API_PORT}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with ${child.exitCode}`)
    const healthy = await fetch(`${url}/health`).then((r) => r.ok, () => false)
    if (healthy) break
    if (Date.now() > deadline) throw new Error('the emulator did not start within 30 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  project.provide('emulatorUrl', url)
  project.provide('emulatorToken', process.env.UPLINK_EMULATOR_TOKEN ?? 'uplink-dev-token')
}

export async function teardown() {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child!.once('exit', r))
    child.kill('SIGTERM')
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
    if (child.exitCode === null) child.kill('SIGKILL')
  }
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}
