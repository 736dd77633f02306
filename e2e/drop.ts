import type { Page } from '@playwright/test'
import { fillPseudoRandom } from './generated-file'

/**
 * Drop a generated file onto an element with real drag events carrying a DataTransfer,
 * as a person dragging a file from the desktop would.
 */
export async function dropGeneratedFile(page: Page, selector: string, file: { name: string; size: number; seed: number; type: string }) {
  const dataTransfer = await page.evaluateHandle(
    ({ name, size, seed, type, fill }) => {
      // The generator is passed as source so page and test make the very same bytes.
      const generate = new Function(`return (${fill})`)() as (b: Uint8Array, s: number) => Uint8Array
      const bytes = generate(new Uint8Array(size), seed)
      const transfer = new DataTransfer()
      transfer.items.add(new File([bytes as Uint8Array<ArrayBuffer>], name, { type }))
      return transfer
    },
    { ...file, fill: fillPseudoRandom.toString() },
  )
  const zone = page.locator(selector)
  await zone.dispatchEvent('dragenter', { dataTransfer })
  await zone.dispatchEvent('dragover', { dataTransfer })
  await zone.dispatchEvent('drop', { dataTransfer })
}
