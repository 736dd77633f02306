import { execFileSync } from 'node:child_process'
import os from 'node:os'

export interface Machine {
  date: string
  cpus: number
  cpuModel: string
  memoryGiB: number
  os: string
  node: string
  chromium: string
  /** 1-minute load average when the run started and ended: the machine is shared. */
  loadAverage: { start: number; end?: number }
  pnpm: string
}

export function describeMachine(chromiumVersion: string): Machine {
  const pnpm = (() => {
    try {
      return execFileSync('pnpm', ['--version'], { encoding: 'utf8' }).trim()
    } catch {
      return 'unknown'
    }
  })()
  return {
    date: new Date().toISOString(),
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium: chromiumVersion,
    loadAverage: { start: os.loadavg()[0]! },
    pnpm,
  }
}
