import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'

/** One fenced code block of a README or Storybook docs page that the docs test type-checks. */
export interface CodeSample {
  /** Repository-relative path of the document. */
  doc: string
  /** 1-based line of the first line of code (the line after the opening fence). */
  line: number
  lang: 'ts' | 'tsx'
  code: string
}

/** Fence languages that are TypeScript or JavaScript (checked as TypeScript, JSX allowed where marked). */
const CHECKED: Record<string, CodeSample['lang']> = { ts: 'ts', typescript: 'ts', js: 'ts', javascript: 'ts', mjs: 'ts', tsx: 'tsx', jsx: 'tsx' }

/** Every ```ts / ```tsx (and js / jsx) block of a Markdown or MDX text; other languages are not code to compile. */
export function extractSamples(doc: string, text: string): CodeSample[] {
  const samples: CodeSample[] = []
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]!)
    if (!open) continue
    const fence = open[1]!
    const end = lines.findIndex((l, j) => j > i && l.trim().startsWith(fence) && l.trim().replace(/[`~]/g, '') === '')
    const close = end === -1 ? lines.length : end
    const lang = CHECKED[open[2]!.toLowerCase()]
    if (lang) samples.push({ doc, line: i + 2, lang, code: lines.slice(i + 1, close).join('\n') })
    i = close
  }
  return samples
}

const SKIP = new Set(['node_modules', 'dist', 'storybook-static', 'reports', 'test-results', 'playwright-report', '.git', '.data'])

/** The documents whose samples must compile: every README.md and Storybook docs page (.mdx) in the repository. */
export function findDocs(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name)) walk(path.join(dir, entry.name))
      } else if (entry.name === 'README.md' || entry.name.endsWith('.mdx')) {
        found.push(path.relative(root, path.join(dir, entry.name)).split(path.sep).join('/'))
      }
    }
  }
  walk(root)
  return found.sort()
}

export function samplesOf(root: string, docs: readonly string[]): CodeSample[] {
  return docs.flatMap((doc) => extractSamples(doc, readFileSync(path.join(root, doc), 'utf8')))
}
