import { expect, test } from '@playwright/test'
import { expectOnlyShippedFonts } from './fonts'
import { looks, widths } from './looks'

// Screenshots of the main stories from the built Storybook, at phone and desktop widths, light
// and dark, and right to left, compared with the committed baselines (visual/baselines).
// Deterministic: only self-hosted fonts (checked before each shot, see fonts.ts), animations off, seeded states with no clock in them.
const STORYBOOK = 'http://127.0.0.1:6007'

const stories = [
  { id: 'uploader-widget--every-state', name: 'widget' },
  { id: 'components-dropzone--with-limits', name: 'dropzone' },
  { id: 'components-fileitem--failed', name: 'file-failed' },
  { id: 'components-totalprogress--with-failures', name: 'totals' },
  { id: 'uploader-restyled--design-system', name: 'restyled' },
]
for (const story of stories)
  for (const viewport of widths)
    for (const look of looks) {
      // Right to left is shot for the whole widget; the single components mirror the same rules.
      if (look.name === 'rtl' && story.name !== 'widget') continue
      test(`${story.name} ${viewport.name} ${look.name}`, async ({ page }) => {
        await page.setViewportSize({ width: viewport.width, height: viewport.height })
        await page.goto(`${STORYBOOK}/iframe.html?id=${story.id}&viewMode=story&globals=${look.storyGlobals}`)
        // The story has rendered and its play function (a drop, a seeded state) has run to the end.
        await page.waitForFunction(() => {
          const phase = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__?.currentRender?.phase
          if (phase === 'errored' || phase === 'aborted') throw new Error(`the story ${phase}`)
          return phase === 'completed' || phase === 'afterEach' || phase === 'finished'
        }, undefined, { timeout: 60_000 })
        const root = page.locator('#storybook-root')
        await expect(root.locator('[data-uplink-dropzone], [data-uplink-file], [data-uplink-total-progress]').first()).toBeVisible()
        await page.evaluate(() => document.fonts.ready)
        await expectOnlyShippedFonts(page)
        await expect(page).toHaveScreenshot(`story-${story.name}-${viewport.name}-${look.name}.png`, { fullPage: true })
      })
    }
