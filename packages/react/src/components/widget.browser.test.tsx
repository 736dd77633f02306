import axe from 'axe-core'
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { cdp } from 'vitest/browser'
import '../theme.css'
import { UploaderProvider } from '../context'
import { contrastProblems, smallTargets } from '../testing/a11y-checks'
import { BulkActions } from './BulkActions'
import { Dropzone } from './Dropzone'
import { FileList } from './FileList'
import { TotalProgress } from './TotalProgress'
import { UploadButton } from './UploadButton'
import { type SeedFile, createStoryUploader, manyFiles, seedFiles } from './story-uploader'
import { dropFiles, makePng, textFile, zoneIn } from './story-helpers'

afterEach(async () => {
  cleanup()
  await cdp().send('Emulation.setEmulatedMedia', { features: [] })
  await cdp().send('Emulation.setTouchEmulationEnabled', { enabled: false })
})

function Widget({ uploader, dir = 'ltr', theme }: { uploader: ReturnType<typeof createStoryUploader>; dir?: string; theme?: string }) {
  return (
    <main dir={dir} {...(theme ? { 'data-uplink-theme': theme } : {})} lang="en" style={{ maxWidth: 720 }}>
      <UploaderProvider uploader={uploader} locale="en">
        <Dropzone />
        <UploadButton />
        <BulkActions />
        <TotalProgress />
        <FileList />
      </UploaderProvider>
    </main>
  )
}

const everyState: SeedFile[] = [
  { name: 'report.pdf', size: 1_200_000, status: 'done', type: 'application/pdf' },
  { name: 'video.mp4', size: 80_000_000, status: 'uploading', type: 'video/mp4', progress: 0.35, speed: 3_100_000, etaSeconds: 17 },
  { name: 'backup.zip', size: 9_000_000, status: 'paused', type: 'application/zip', progress: 0.6 },
  { name: 'photo.heic', size: 4_000_000, status: 'error', type: 'image/heic', progress: 0.2, error: { code: 'network', message: 'x' } },
  { name: 'notes.txt', size: 900, status: 'queued', type: 'text/plain' },
  { name: 'big.iso', size: 9e9, status: 'cancelled' },
]

async function violations(): Promise<string[]> {
  const result = await axe.run(document.body, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
  return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
}

function renderEveryState(props: { dir?: string; theme?: string } = {}) {
  const uploader = createStoryUploader({ autoStart: false })
  seedFiles(uploader, everyState)
  return render(<Widget uploader={uploader} {...props} />)
}

describe('the widget in Chromium', () => {
  it('has no axe violations in every state, light and dark, left-to-right and right-to-left', async () => {
    for (const [dir, theme] of [['ltr', 'light'], ['rtl', 'dark']] as const) {
      renderEveryState({ dir, theme })
      await screen.findByText('photo.heic')
      expect(await violations()).toEqual([])
      cleanup()
    }
  })

  it('is dark on a light host page when the system is dark, and every text reads at 4.5:1 against what is behind it', async () => {
    // The host page stays white (no rule of the theme reaches html or body); the system says dark.
    await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] })
    const { container } = renderEveryState()
    await screen.findByText('photo.heic')
    expect(getComputedStyle(document.body).backgroundColor).toBe('rgba(0, 0, 0, 0)')
    expect(getComputedStyle(document.documentElement).colorScheme).toBe('normal')
    expect(getComputedStyle(container.querySelector('[data-uplink-file-list]')!).backgroundColor).toBe('rgb(20, 23, 28)')
    expect(contrastProblems(container)).toEqual([])
  })

  it('reads at 4.5:1 forced dark (data-uplink-theme) on a light system and host, and in light', async () => {
    for (const theme of ['dark', 'light']) {
      const { container } = renderEveryState({ theme })
      await screen.findByText('photo.heic')
      expect(contrastProblems(container)).toEqual([])
      cleanup()
    }
  })

  it('puts no rule on :root, html or body', () => {
    const sheets = Array.from(document.styleSheets).filter((sheet) => Array.from(sheet.cssRules).some((rule) => rule.cssText.includes('--_uplink-bg')))
    expect(sheets).toHaveLength(1)
    const selectors: string[] = []
    const collect = (rules: CSSRuleList) => {
      for (const rule of Array.from(rules)) {
        if (rule instanceof CSSStyleRule) selectors.push(rule.selectorText)
        else if ('cssRules' in rule) collect((rule as CSSGroupingRule).cssRules)
      }
    }
    collect(sheets[0]!.cssRules)
    expect(selectors.length).toBeGreaterThan(20)
    expect(selectors.filter((s) => /(^|[\s,(>+~])(:root|html|body)\b/.test(s))).toEqual([])
  })

  it('gives every control a 44 px target on a touch screen, and at least 24 px with a mouse', async () => {
    const { container } = renderEveryState()
    await screen.findByText('photo.heic')
    expect(smallTargets(container, 24)).toEqual([])
    expect(smallTargets(container, 44).length).toBeGreaterThan(0)
    await cdp().send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 5 })
    await waitFor(() => expect(matchMedia('(pointer: coarse)').matches).toBe(true))
    await waitFor(() => expect(smallTargets(container, 44)).toEqual([]))
    // The drop zone's copy follows the pointer too.
    await waitFor(() => expect(zoneIn(container)).toHaveAttribute('data-pointer', 'coarse'))
    expect(zoneIn(container).textContent).toContain('Add files from this device')
  })

  it('shows an icon of its kind for a file that is not an image', async () => {
    const { container } = renderEveryState()
    await screen.findByText('photo.heic')
    // The thumbnail is a chunk of its own, loaded with the first row: an empty box until then.
    const kinds = () => Array.from(container.querySelectorAll('[data-uplink-thumbnail]')).map((t) => t.getAttribute('data-kind'))
    await waitFor(() => expect(kinds()).toEqual(['pdf', 'video', 'archive', 'image', 'text', 'archive']))
    expect(container.querySelectorAll('[data-uplink-thumbnail] svg')).toHaveLength(6)
  })

  it('renders 10,000 files by mounting only a screenful of rows, at first and after scrolling to the end', async () => {
    // How long it takes belongs to the benchmark; what makes it cheap is checked here: no more
    // than a screenful of rows is ever created, not even for a moment (a MutationObserver sees
    // every row added, including ones React would remove again in the same task).
    const uploader = createStoryUploader({ autoStart: false })
    seedFiles(uploader, manyFiles(10_000))
    const host = document.createElement('div')
    document.body.append(host)
    let mounted = 0
    const count = (records: MutationRecord[]) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof Element)) continue
          mounted += (node.matches('[data-uplink-file-row]') ? 1 : 0) + node.querySelectorAll('[data-uplink-file-row]').length
        }
      }
      return mounted
    }
    const observer = new MutationObserver(count)
    observer.observe(host, { childList: true, subtree: true })
    try {
      const { container } = render(<Widget uploader={uploader} />, { container: host })
      await screen.findByText('scan-00001.pdf')
      expect(container.querySelectorAll('[data-uplink-file-row]').length).toBeLessThan(40)
      expect(count(observer.takeRecords())).toBeLessThan(40)
      const scroller = container.querySelector<HTMLElement>('[data-uplink-file-list]')!
      scroller.scrollTop = scroller.scrollHeight
      await screen.findByText('scan-10000.pdf')
      expect(container.querySelectorAll('[data-uplink-file-row]').length).toBeLessThan(40)
      // The first screenful, the last one, and at most one in between (scrolling jumped there).
      expect(count(observer.takeRecords())).toBeLessThan(120)
    } finally {
      observer.disconnect()
      host.remove()
    }
  })

  it('moves focus to the neighbour after a remove, deep in a long list', async () => {
    const uploader = createStoryUploader({ bytesPerSecond: 1e9 })
    await uploader.addFiles(Array.from({ length: 300 }, (_, i) => textFile(`f-${i}.txt`, 10)))
    await uploader.whenIdle()
    render(<Widget uploader={uploader} />)
    const first = await screen.findByRole('button', { name: 'Remove f-0.txt' })
    first.focus()
    fireEvent.click(first)
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Remove f-1.txt' })))
    expect(uploader.store.getState().order).toHaveLength(299)
  })

  it('makes a thumbnail off the main thread and revokes its object URL on removal', async () => {
    const revoked: string[] = []
    const original = URL.revokeObjectURL
    URL.revokeObjectURL = (url: string) => {
      revoked.push(url)
      original.call(URL, url)
    }
    try {
      const uploader = createStoryUploader({ bytesPerSecond: 1e9 })
      const { container } = render(<Widget uploader={uploader} />)
      dropFiles(zoneIn(container), [await makePng('sky.png', 800, 600)])
      const img = await screen.findByRole('img', { name: 'Preview of sky.png' }, { timeout: 5000 })
      const src = img.getAttribute('src')!
      expect(src).toMatch(/^blob:/)
      await waitFor(() => expect((img as HTMLImageElement).naturalWidth).toBe(96))
      fireEvent.click(await screen.findByRole('button', { name: 'Remove sky.png' }, { timeout: 5000 }))
      await waitFor(() => expect(revoked).toContain(src))
    } finally {
      URL.revokeObjectURL = original
    }
  })

  it('accepts a real drop from a DataTransfer and uploads it to done, announced politely', async () => {
    const uploader = createStoryUploader({ bytesPerSecond: 1e8 })
    const { container } = render(<Widget uploader={uploader} />)
    dropFiles(zoneIn(container), [textFile('hello.txt', 5000)])
    await waitFor(() => expect(Object.values(uploader.store.getState().files).map((f) => f.status)).toEqual(['done']))
    await waitFor(() => expect(document.querySelector('[data-uplink-live-region="polite"]')!.textContent).toContain('hello.txt uploaded'))
  })
})
