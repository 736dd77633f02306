import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

/**
 * axe on the whole demo in the state it is in now (WCAG 2.x A and AA rules and axe's best
 * practices): no violation. Each state a spec visits (idle, uploading, done, failed, a refusal,
 * the dark theme) is checked where it happens; the violations are printed in full, one a line.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze()
  const lines = violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact ?? 'n/a'}): ${n.target.join(' ')}: ${n.failureSummary?.replace(/\s+/g, ' ') ?? v.help}`))
  test.info().annotations.push({ type: 'axe', description: `${state}: ${lines.length === 0 ? 'no violations' : lines.join(' | ')}` })
  expect(lines, `axe violations in state "${state}"`).toEqual([])
}
