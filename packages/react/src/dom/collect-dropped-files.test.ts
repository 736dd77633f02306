import { describe, expect, it } from 'vitest'
import { collectFiles, snapshotTransfer } from './collect-dropped-files'
import { readEntry, readHandle } from './read-folders'

/**
 * Stand-ins for the browser's FileSystemEntry / FileSystemHandle trees (jsdom has neither);
 * readEntries hands out at most `batch` entries per call, as Chromium does (100).
 */
type Tree = { [name: string]: Tree | string }

function entryTree(name: string, node: Tree | string, batch = 2): Parameters<typeof readEntry>[0] {
  if (typeof node === 'string') {
    return { isFile: true, isDirectory: false, name, file: (ok) => ok(new File([node], name, { type: 'text/plain' })) }
  }
  const children = Object.entries(node).map(([child, value]) => entryTree(child, value, batch))
  return {
    isFile: false,
    isDirectory: true,
    name,
    createReader: () => {
      let offset = 0
      return {
        readEntries: (ok) => {
          const slice = children.slice(offset, offset + batch)
          offset += slice.length
          setTimeout(() => ok(slice), 0)
        },
      }
    },
  }
}

function handleTree(name: string, node: Tree | string): Parameters<typeof readHandle>[0] {
  if (typeof node === 'string') return { kind: 'file', name, getFile: async () => new File([node], name) }
  return {
    kind: 'directory',
    name,
    async *values() {
      for (const [child, value] of Object.entries(node)) yield handleTree(child, value)
    },
  }
}

const photos: Tree = { 'a.jpg': 'A', 'b.jpg': 'BB', '2024': { 'c.jpg': 'CCC', 'd.jpg': 'D', 'e.jpg': 'E' }, empty: {} }
const paths = (items: Array<{ relativePath?: string }>) => items.map((i) => i.relativePath).sort()

describe('reading dropped folders', () => {
  it('walks a webkitGetAsEntry tree, reading every batch, keeping relative paths', async () => {
    const items = await readEntry(entryTree('photos', photos), '')
    expect(paths(items)).toEqual(['photos/2024/c.jpg', 'photos/2024/d.jpg', 'photos/2024/e.jpg', 'photos/a.jpg', 'photos/b.jpg'])
    const c = items.find((i) => i.name === 'c.jpg')!
    expect(await c.file.text()).toBe('CCC')
  })

  it('walks a File System Access directory handle the same way', async () => {
    const items = await readHandle(handleTree('photos', photos), '')
    expect(paths(items)).toEqual(['photos/2024/c.jpg', 'photos/2024/d.jpg', 'photos/2024/e.jpg', 'photos/a.jpg', 'photos/b.jpg'])
  })

  it('takes directory entries and plain files from one drop', async () => {
    const loose = new File(['x'], 'loose.txt')
    const transfer = {
      files: [] as unknown as FileList,
      items: [
        { kind: 'file', getAsFile: () => null, webkitGetAsEntry: () => entryTree('photos', photos) },
        { kind: 'file', getAsFile: () => loose, webkitGetAsEntry: () => null },
        { kind: 'string', getAsFile: () => null },
      ],
    }
    const items = await collectFiles(snapshotTransfer(transfer))
    expect(items).toHaveLength(6)
    expect(items.find((i) => i.name === 'loose.txt')).toEqual({ file: loose, name: 'loose.txt' })
  })

  it('falls back to dataTransfer.files where there are no items', async () => {
    const file = new File(['x'], 'x.txt')
    const items = await collectFiles(snapshotTransfer({ files: [file] as unknown as FileList, items: null }))
    expect(items).toEqual([{ file, name: 'x.txt' }])
  })
})
