import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { repoRoot } from './paths'

export interface RunningEmulator {
  apiUrl: string
  dataDir: string
  setFaults(rules: unknown[]): Promise<void>
  /** The emulator's request log (method, path, status of every request since the last clear). */
  log(): Promise<Array<{ method: string; path: string; status: number }>>
  clearLog(): Promise<void>
  stop(): Promise<void>
}

/**
 * Start apps/emulator as its own process (as the contract tests do) on the bench's ports, with
 * its bytes in a fresh temp folder that stop() deletes: one 1 GiB upload leaves 1 GiB on disk.
 */
export async function startEmulator(apiPort: number, env: Record<string, string> = {}): Promise<RunningEmulator> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'uplink-bench-'))
  const child: ChildProcess = spawn(process.execPath, ['--no-warnings', '--import', 'tsx', '--conditions=source', 'apps/emulator/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      UPLINK_EMULATOR_PORT: String(apiPort),
      UPLINK_S3_PORT: String(apiPort + 1),
      UPLINK_S3_INTERNAL_PORT: String(apiPort + 2),
      UPLINK_DATA_DIR: dataDir,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  const apiUrl = `http://127.0.0.1:${apiPort}`
  const deadline = Date.now() + 30_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the emulator exited with ${child.exitCode}`)
    if (await fetch(`${apiUrl}/health`).then((r) => r.ok, () => false)) break
    if (Date.now() > deadline) throw new Error('the emulator did not start within 30 s')
    await new Promise((r) => setTimeout(r, 200))
  }
  return {
    apiUrl,
    dataDir,
    async setFaults(rules) {
      const response = await fetch(`${apiUrl}/__faults`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(rules) })
      if (!response.ok) throw new Error(`PUT /__faults: ${response.status}`)
    },
    async log() {
      return (await (await fetch(`${apiUrl}/__log`)).json()) as Array<{ method: string; path: string; status: number }>
    },
    async clearLog() {
      await fetch(`${apiUrl}/__log`, { method: 'DELETE' })
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        child.kill('SIGTERM')
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
        // A graceful close can wait on Chromium's keep-alive connections; the next case needs the
        // ports now, and they are free only once the process is gone.
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGKILL')
          await exited
        }
      }
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
