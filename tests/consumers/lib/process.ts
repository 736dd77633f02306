import { type ChildProcess, spawn } from 'node:child_process'

export interface RunResult {
  code: number
  output: string
}

/** Runs a command to the end; resolves with its exit code and its interleaved stdout + stderr. */
export function run(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('error', (error) => resolve({ code: 1, output: `${output}\n${error.message}` }))
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })
}

/** Like run(), but throws with the command's output when it fails. */
export async function runOrThrow(command: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<string> {
  const result = await run(command, args, options)
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${result.code}:\n${result.output}`)
  return result.output
}

export interface Server {
  url: string
  /** Everything the server printed so far. */
  output(): string
  stop(): Promise<void>
}

/**
 * Starts a long-running server in its own process group (so its children stop with it) and
 * waits until `url` answers; stop() ends the group by its id.
 */
export async function startServer(command: string, args: string[], options: { cwd: string; url: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<Server> {
  const child: ChildProcess = spawn(command, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    process.kill(-child.pid!, 'SIGTERM')
    const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))])
    if (!stopped) process.kill(-child.pid!, 'SIGKILL')
  }
  const deadline = Date.now() + (options.timeoutMs ?? 60_000)
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${command} ${args.join(' ')} exited with ${child.exitCode} before ${options.url} answered:\n${output}`)
    if (await fetch(options.url).then((r) => r.status < 500, () => false)) break
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`${options.url} did not answer in time:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  return { url: options.url, output: () => output, stop }
}
