// Runs the bundle budgets of .size-limit.js and writes a report (default reports/size-limit.json,
// or the path given as the first argument), one entry per budget ({ name, passed, size, sizeLimit }):
// the test command counts each budget as a test, and the bench reports them.
// A check with a goal in .size-limit.js's `goals` (a #16 target not met yet) also gets
// { goal, goalMet }: its limit guards today's size, the goal is reported, met or missed.
// Prints a table; exits non-zero when a budget is exceeded or size-limit itself fails.
import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const REPORT = process.argv[2] ?? 'reports/size-limit.json'
const run = spawnSync('pnpm', ['exec', 'size-limit', '--json'], { encoding: 'utf8' })
let checks
try {
  checks = JSON.parse(run.stdout)
} catch {
  process.stderr.write(run.stdout + run.stderr)
  console.error('size-limit gave no JSON report')
  process.exit(1)
}
const { goals = {} } = await import(pathToFileURL(path.resolve('.size-limit.js')).href)
/** '10 kB' -> bytes, as size-limit reads a limit (kB = 1000 bytes). */
const bytes = (text) => {
  const match = /^([\d.]+)\s*(B|kB|MB)$/.exec(text)
  if (!match) throw new Error(`a goal in .size-limit.js is not a size: ${text}`)
  return Number(match[1]) * { B: 1, kB: 1000, MB: 1000_000 }[match[2]]
}
for (const check of checks) {
  if (goals[check.name] === undefined) continue
  check.goal = bytes(goals[check.name])
  check.goalMet = check.size <= check.goal
}
mkdirSync(path.dirname(REPORT), { recursive: true })
writeFileSync(REPORT, JSON.stringify(checks, null, 2))
const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`
for (const check of checks) {
  console.log(`${check.passed ? 'ok  ' : 'OVER'}  ${kB(check.size).padStart(9)} of ${kB(check.sizeLimit).padStart(9)}  ${check.name}`)
  if (check.goal !== undefined) {
    const gap = check.goalMet ? 'met' : `MISSED by ${kB(check.size - check.goal)}`
    console.log(`      goal ${kB(check.goal)} (#16): ${gap}`)
  }
}
const over = checks.filter((check) => !check.passed)
console.log(`${checks.length - over.length} of ${checks.length} budgets met (min + gzip)`)
process.exit(over.length > 0 || run.status !== 0 ? 1 : 0)
