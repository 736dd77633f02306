import { spawn } from 'node:child_process'

/** Run a command with inherited output; resolves to its exit code (never rejects). */
export function runStep(title, command, args, env = {}) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`)
  const started = Date.now()
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('error', (error) => {
      console.error(`${title}: could not start: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1)
      console.log(`=== ${title}: ${code === 0 ? 'ok' : `FAILED (${signal ?? code})`} in ${seconds} s`)
      resolve(code ?? 1)
    })
  })
}
