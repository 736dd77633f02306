import { type CDPSession, expect, type Page } from '@playwright/test'

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
    await cdp.send('DOM.enable')
    await cdp.send('CSS.enable')
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode }
    const found: string[] = []
    for (const node of elements(root)) {
      // Text is asked of the element that holds it (Chromium also counts an element's descendants).
      if (!node.pseudoType && ownText(node) === '') continue
      const { fonts } = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId: node.nodeId })) as { fonts: PlatformFont[] }
      const machine = fonts.filter((f) => !f.isCustomFont)
      if (machine.length === 0 || !(await painted(cdp, node))) continue
      const fontNames = machine.map((f) => `${f.familyName} (${f.glyphCount} glyphs)`).join(', ')
      found.push(`<${node.localName || node.nodeName}${node.pseudoType ? `::${node.pseudoType}` : ''}> "${ownText(node).slice(0, 60)}": ${fontNames}`)
    }
    return found
  } finally {
    await cdp.detach()
  }
}

/**
 * Whether an element's text shows at all. Text visually hidden for screen readers (the live
 * announcer's messages, hidden parts of labels) sits inside a 1 px box that clips it away.
 * Asked of the live element when it is found, so messages that come and go during the check
 * are judged as they are. A pseudo-element is judged by its element.
 */
async function painted(cdp: CDPSession, node: DomNode): Promise<boolean> {
  const nodeId = node.pseudoType ? node.parentId : node.nodeId
  if (nodeId === undefined) return true
  const { object } = (await cdp.send('DOM.resolveNode', { nodeId }).catch(() => ({ object: {} }))) as { object: { objectId?: string } }
  if (!object.objectId) return false // gone from the page meanwhile
  const { result } = (await cdp.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    returnByValue: true,
    functionDeclaration: `function () {
      if (!this.isConnected || !this.checkVisibility()) return false
      for (let e = this; e; e = e.parentElement) {
        const box = e.getBoundingClientRect()
        if (box.width <= 1 && box.height <= 1 && getComputedStyle(e).overflow !== 'visible') return false
      }
      return true
    }`,
  })) as { result: { value: boolean } }
  return result.value
}

/** Fails with the list of text painted in machine fonts, if there is any. */
export async function expectOnlyShippedFonts(page: Page): Promise<void> {
  expect(await textInMachineFonts(page), 'text painted with fonts of this machine (not shipped web fonts)').toEqual([])
}

interface DomNode {
  nodeId: number
  nodeType: number
  nodeName: string
  localName: string
  nodeValue: string
  parentId?: number
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
