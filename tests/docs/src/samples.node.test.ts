import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSampleChecker } from './check-samples'
import { findDocs, samplesOf } from './extract-samples'

// Every TypeScript / TSX code sample of every README and Storybook docs page compiles, against
// the packages' public entry points: one test per sample, named by document and line.
const root = fileURLToPath(new URL('../../..', import.meta.url))
const here = fileURLToPath(new URL('../samples', import.meta.url))
const samples = samplesOf(root, findDocs(root))

let checker: ReturnType<typeof createSampleChecker>
beforeAll(() => {
  checker = createSampleChecker({ root, here, samples })
  expect(checker.globalProblems()).toEqual([])
}, 120_000)

describe('documentation code samples type-check', () => {
  it('finds the samples of the README files and the Storybook docs pages', () => {
    const docs = new Set(samples.map((s) => s.doc))
    expect(docs).toContain('README.md')
    expect(docs).toContain('packages/react/src/Introduction.mdx')
    expect([...docs].filter((d) => d.startsWith('packages/providers/src/')).length).toBeGreaterThanOrEqual(6)
  })

  for (const sample of samples) {
    it(`${sample.doc}:${sample.line} (${sample.lang})`, () => {
      expect(checker.problems(sample)).toEqual([])
    })
  }
})
