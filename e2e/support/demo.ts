import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, type Locator, type Page } from '@playwright/test'
import { fillPseudoRandom, sha256Hex } from '../generated-file'

/** A file the test makes from a seed, in the page or on disk, with the same bytes either way. */
export interface GeneratedFile {
  name: string
  size: number
  seed: number
  type?: string
}

export const MiB = 1024 * 1024
const FILE_TIMEOUT = 120_000

/** The SHA-256 of a generated file's bytes (made in Node, never sent across). */
export const expectedSha256 = (file: GeneratedFile) => sha256Hex(fillPseudoRandom(new Uint8Array(file.size), file.seed))

/** Write generated files into a fresh folder (for the file picker and folder drops); returns their paths. */
export async function writeFiles(folder: string, files: ReadonlyArray<GeneratedFile & { relativePath?: string }>): Promise<string[]> {
  const root = path.join(tmpdir(), 'uplink-e2e', `${process.pid}`, folder)
  return Promise.all(
    files.map(async (file) => {
      const target = path.join(root, file.relativePath ?? file.name)
      await mkdir(path.dirname(target), { recursive: true })
      await writeFile(target, fillPseudoRandom(new Uint8Array(file.size), file.seed))
      return target
    }),
  )
}

/** The folder writeFiles wrote into. */
export const writtenFolder = (folder: string) => path.join(tmpdir(), 'uplink-e2e', `${process.pid}`, folder)

/**
 * A small driver of the demo (apps/demo) as a person uses it: pick a storage, apply settings,
 * drop or pick files, watch a row, open a row's "Server copy". It speaks only through what the
 * page shows and its stable data-testid / data-uplink-* hooks.
 */
export class Demo {
  constructor(readonly page: Page) {}

  /** Open the demo (query options: limits, part size; see apps/demo/src/query-options.ts) with a storage chosen. */
  static async open(page: Page, provider = 's3', query: Record<string, string | number> = {}, origin = ''): Promise<Demo> {
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]))
    await page.goto(`${origin}/?${search}`)
    const demo = new Demo(page)
    await demo.chooseProvider(provider)
    return demo
  }

  get dropzone(): Locator {
    return this.page.locator('[data-uplink-dropzone]')
  }

  /** Choose a storage; `s3-crc32c` is S3 with its part checksum set to CRC32C in the settings panel. */
  async chooseProvider(provider: string): Promise<void> {
    await this.page.getByTestId('provider-select').selectOption(provider === 's3-crc32c' ? 's3' : provider)
    if (provider === 's3-crc32c') await this.applySettings({ checksum: 'crc32c' })
    await this.ready()
  }

  /** Change settings and press Apply (a new upload session: the list starts empty). */
  async applySettings(settings: { checksum?: string; partSize?: string; concurrency?: string; wholeFileHash?: boolean }): Promise<void> {
    if (settings.checksum) await this.page.getByTestId('checksum').selectOption(settings.checksum)
    if (settings.partSize) await this.page.getByTestId('part-size').selectOption(settings.partSize)
    if (settings.concurrency) await this.page.getByTestId('concurrency').selectOption(settings.concurrency)
    if (settings.wholeFileHash !== undefined) await this.page.getByTestId('whole-file-hash').setChecked(settings.wholeFileHash)
    await this.page.getByTestId('apply-settings').click()
    await this.ready()
  }

  /** The uploader of the current session exists (its drop zone and the server list's card are shown). */
  async ready(): Promise<void> {
    await expect(this.dropzone).toBeVisible()
    await expect(this.page.getByTestId('server-files')).toContainText('Already on the server')
  }

  /**
   * Drop generated files onto the zone in one drag, with real drag events carrying a
   * DataTransfer. The bytes are made in the page (the same generator as in Node), so a 64 MiB
   * file never crosses the test/page boundary.
   */
  async dropFiles(files: readonly GeneratedFile[]): Promise<void> {
    const fill = fillPseudoRandom.toString()
    const dataTransfer = await this.page.evaluateHandle(
      ({ files, fill }) => {
        // The generator is passed as source so page and test make the very same bytes.
        const generate = new Function(`return (${fill})`)() as (b: Uint8Array, s: number) => Uint8Array
        const transfer = new DataTransfer()
        for (const f of files) {
          const bytes = generate(new Uint8Array(f.size), f.seed)
          transfer.items.add(new File([bytes as Uint8Array<ArrayBuffer>], f.name, { type: f.type ?? 'application/octet-stream' }))
        }
        return transfer
      },
      { files: files.map((f) => ({ ...f })), fill },
    )
    await this.dropzone.dispatchEvent('dragenter', { dataTransfer })
    await this.dropzone.dispatchEvent('dragover', { dataTransfer })
    await this.dropzone.dispatchEvent('drop', { dataTransfer })
    await dataTransfer.dispose()
  }

  /**
   * Drop folders (and files) from disk onto the zone as the desktop does: Chromium's own drag
   * input (CDP Input.dispatchDragEvent) with file paths, so the page gets real directory
   * entries (webkitGetAsEntry) to walk, exactly as from a file manager.
   */
  async dropPaths(paths: readonly string[]): Promise<void> {
    const box = await this.dropzone.boundingBox()
    if (!box) throw new Error('the drop zone is not visible')
    const at = { x: box.x + box.width / 2, y: box.y + box.height / 2 }
    const cdp = await this.page.context().newCDPSession(this.page)
    const data = { items: [], files: [...paths], dragOperationsMask: 1 }
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data })
    await cdp.detach()
  }

  /** Press the zone's "Choose files" button and pick these files (paths on disk) in the chooser. */
  async pickFiles(paths: readonly string[]): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser')
    await this.dropzone.locator('[data-uplink-dropzone-button]').click()
    await (await chooser).setFiles([...paths])
  }

  /** A file's row, by the name it shows (its relative path for files from a folder). */
  row(name: string): Locator {
    return this.page.locator(`[data-uplink-file]:has(> [data-uplink-file-name][title=${JSON.stringify(name)}])`)
  }

  async waitForStatus(name: string, status: string, timeout = FILE_TIMEOUT): Promise<void> {
    await expect(this.row(name)).toHaveAttribute('data-status', status, { timeout })
  }

  /** Press one of a row's controls (pause, resume, retry, cancel, remove). */
  async press(name: string, action: 'pause' | 'resume' | 'retry' | 'cancel' | 'remove'): Promise<void> {
    await this.row(name).locator(`[data-uplink-control="${action}"]`).click()
  }

  /**
   * What the server stored for a finished row, as the demo shows it on demand ("Server copy":
   * key, size and the SHA-256 the emulator computed from the stored bytes).
   */
  async stored(name: string): Promise<{ key: string; size: number; sha256: string }> {
    const stored = this.row(name).getByTestId('stored-object')
    if ((await stored.getAttribute('open')) === null) await stored.locator('summary').click()
    const sha = stored.getByTestId('stored-sha256')
    await expect(sha).toHaveText(/^[0-9a-f]{64}$/, { timeout: 15_000 })
    return {
      key: (await stored.getByTestId('stored-key').textContent()) ?? '',
      size: Number(await stored.getByTestId('stored-size').textContent()),
      sha256: (await sha.textContent()) ?? '',
    }
  }

  /** The zone's refusal messages ("name: why"), as shown under its button. */
  refusals(): Locator {
    return this.dropzone.locator('[data-uplink-dropzone-rejections] li')
  }
}
