/**
 * Checks for what axe cannot see or does not decide, used by stories and browser tests:
 * contrast of every piece of text against the background actually painted behind it
 * (composited up the ancestors, so a widget on a host page is judged on what shows), the
 * visible label of a control against its accessible name, and the size of touch targets.
 */

type Rgba = [number, number, number, number]

function parseColor(value: string): Rgba | undefined {
  const match = /rgba?\(([^)]+)\)/.exec(value)
  if (!match) return undefined
  const parts = match[1]!.split(/[\s,/]+/).filter(Boolean).map(Number)
  return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1]
}

const over = (top: Rgba, bottom: Rgba): Rgba => {
  const a = top[3] + bottom[3] * (1 - top[3])
  if (a === 0) return [0, 0, 0, 0]
  const mix = (i: number) => (top[i]! * top[3] + bottom[i]! * bottom[3] * (1 - top[3])) / a
  return [mix(0), mix(1), mix(2), a]
}

/** The colour painted behind an element: its background over its ancestors', down to the canvas (white). */
export function paintedBackground(element: Element): Rgba {
  const layers: Rgba[] = []
  for (let node: Element | null = element; node; node = node.parentElement) {
    const colour = parseColor(getComputedStyle(node).backgroundColor)
    if (colour && colour[3] > 0) {
      layers.push(colour)
      if (colour[3] >= 1) break
    }
  }
  let result: Rgba = [255, 255, 255, 1]
  for (const layer of layers.reverse()) result = over(layer, result)
  return result
}

const luminance = ([r, g, b]: Rgba) => {
  const channel = (c: number) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
}

export function contrastRatio(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

/** Hidden from sight (visually hidden, clipped, zero-sized or not rendered): not judged on contrast. */
function seen(element: Element): boolean {
  const rect = element.getBoundingClientRect()
  if (rect.width < 2 || rect.height < 2) return false
  const style = getComputedStyle(element)
  return style.visibility !== 'hidden' && style.display !== 'none' && style.clipPath !== 'inset(50%)' && Number(style.opacity) > 0
}

/** Every element with its own text whose contrast is under `min` (4.5:1 for body text), as readable lines. */
export function contrastProblems(root: Element, min = 4.5): string[] {
  const problems: string[] = []
  const elements = [root, ...Array.from(root.querySelectorAll('*'))]
  for (const element of elements) {
    const ownText = Array.from(element.childNodes)
      .filter((node) => node.nodeType === Node.TEXT_NODE)
      .map((node) => node.textContent ?? '')
      .join('')
      .trim()
    if (!ownText || !seen(element) || element.closest('[aria-disabled="true"], :disabled')) continue
    const background = paintedBackground(element)
    const foreground = over(parseColor(getComputedStyle(element).color) ?? [0, 0, 0, 1], background)
    const ratio = contrastRatio(foreground, background)
    if (ratio < min) problems.push(`${ratio.toFixed(2)}:1 "${ownText.slice(0, 40)}" (${element.tagName.toLowerCase()}${element.getAttributeNames().filter((n) => n.startsWith('data-uplink')).map((n) => `[${n}]`).join('')})`)
  }
  return problems
}

/** The text a sighted person sees on a control: its text without visually hidden or aria-hidden parts. */
export function visibleLabel(element: Element): string {
  let text = ''
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent ?? ''
    else if (node instanceof Element && !node.matches('[data-uplink-visually-hidden], [aria-hidden="true"]')) node.childNodes.forEach(walk)
  }
  walk(element)
  return text.replace(/\s+/g, ' ').trim()
}

/** Buttons (and summaries) inside `root` smaller than `min` px in either direction. */
export function smallTargets(root: Element, min: number): string[] {
  return Array.from(root.querySelectorAll<HTMLElement>('button, summary'))
    .filter((element) => seen(element))
    .map((element) => ({ element, rect: element.getBoundingClientRect() }))
    .filter(({ rect }) => rect.width < min - 0.5 || rect.height < min - 0.5)
    .map(({ element, rect }) => `${visibleLabel(element) || element.tagName}: ${rect.width.toFixed(0)}×${rect.height.toFixed(0)}`)
}
