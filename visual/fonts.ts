import { expect, type Page } from '@playwright/test'

/**
 * Screenshots are compared pixel by pixel, so every glyph in them must come from a font the
 * project ships (the @fontsource packages: web fonts), never from the machine's fonts: those
 * differ between machines (which Debian font packages are installed, fontconfig's choice for
 * `monospace` or `serif`, glyph fallback for a symbol the web font lacks), and a baseline made
 * on one machine would fail on the next. Chromium says which fonts painted each element's
 * text (CDP CSS.getPlatformFontsForNode: `isCustomFont` is true for a web font); this lists
 * the text painted with anything else.
 */
export async function textInMachineFonts(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page)
  try {
    await markUnpainted(page)
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode }
    const found: string[] = []
    for (const node of elements(root)) {
      // Text is asked of the element that holds it (Chromium also counts an element's descendants).
      if (node.attributes?.includes(UNPAINTED) || (!node.pseudoType && ownText(node) === '')) continue
      const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId })) as { fonts: PlatformFont[] }
      const machine = fonts.filter((f) => !f.isCustomFont)
      if (machine.length === 0) continue
      const fontNames = machine.map((f) => `${f.familyName} (${f.glyphCount} glyphs)`).join(', ')
      found.push(`<${node.localName || node.nodeName}${node.pseudoType ? `::${node.pseudoType}` : ''}> "${ownText(node).slice(0, 60)}": ${fontNames}`)
    }
    return found
  } finally {
    await cdp.detach()
    await page.evaluate((name) => document.querySelectorAll(`[${name}]`).forEach((e) => e.removeAttribute(name)), UNPAINTED)
  }
}

/** Fails with the list of text painted in machine fonts, if there is any. */
export async function expectOnlyShippedFonts(page: Page): Promise<void> {
  expect(await textInMachineFonts(page), 'text painted with fonts of this machine (not shipped web fonts)').toEqual([])
}

const UNPAINTED = 'data-visual-unpainted'

/**
 * Marks (for the time of the check) what paints nothing: text visually hidden for screen
 * readers (the live announcer, hidden labels) sits in a 1 px box that clips it away.
 */
async function markUnpainted(page: Page): Promise<void> {
  await page.evaluate((name) => {
    const clipsAll = (e: Element) => {
      const box = e.getBoundingClientRect()
      return box.width <= 1 && box.height <= 1 && getComputedStyle(e).overflow !== 'visible'
    }
    for (const element of document.querySelectorAll('*')) if (clipsAll(element)) element.querySelectorAll('*').forEach((e) => e.setAttribute(name, ''))
    for (const element of document.querySelectorAll('*')) if (clipsAll(element)) element.setAttribute(name, '')
  }, UNPAINTED)
}

interface DomNode {
  nodeId: number
  nodeType: number
  nodeName: string
  localName: string
  nodeValue: string
  attributes?: string[]
  pseudoType?: string
  children?: DomNode[]
  shadowRoots?: DomNode[]
  pseudoElements?: DomNode[]
  contentDocument?: DomNode
}
interface PlatformFont {
  familyName: string
  isCustomFont: boolean
  glyphCount: number
}

/** Every element, pseudo-element and shadow-tree element below `node` (text is asked of its parent). */
function* elements(node: DomNode): Generator<DomNode> {
  if (node.nodeType === 1) yield node
  for (const child of [...(node.pseudoElements ?? []), ...(node.shadowRoots ?? []), ...(node.children ?? [])]) yield* elements(child)
  if (node.contentDocument) yield* elements(node.contentDocument)
}

function ownText(node: DomNode): string {
  return (node.children ?? [])
    .filter((c) => c.nodeType === 3)
    .map((c) => c.nodeValue)
    .join('')
    .trim()
}
