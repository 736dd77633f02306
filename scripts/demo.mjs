// Starts the local emulator and the built demo side by side; Ctrl+C stops both.
import { spawn } from 'node:child_process'

const children = [
  spawn('pnpm', ['--filter', '@uplink/emulator', 'run', 'start'], { stdio: 'inherit', detached: true }),
  spawn('pnpm', ['--filter', '@uplink/demo', 'run', 'preview'], { stdio: 'inherit', detached: true }),
]
console.log('\nUplink demo: http://127.0.0.1:4173  (emulator API on http://127.0.0.1:4600)\n')

let stopping = false
const stop = (code) => {
  if (stopping) return
  stopping = true
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGTERM')
    } catch {
      // already gone
    }
  }
  setTimeout(() => process.exit(code), 500)
}
for (const child of children) child.on('exit', (code) => stop(code ?? 1))
process.on('SIGINT', () => stop(0))
process.on('SIGTERM', () => stop(0))
