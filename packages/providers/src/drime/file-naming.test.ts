import { describe, expect, it } from 'vitest'
import { entryFilename, fileExtension, folderOf } from './file-naming'

describe('Drime file naming', () => {
  it('takes the extension without its dot, lower-cased, and "bin" when there is none', () => {
    expect(fileExtension('clip.MP4')).toBe('mp4')
    expect(fileExtension('archive.tar.gz')).toBe('gz')
    expect(fileExtension('README')).toBe('bin')
    expect(fileExtension('.bashrc')).toBe('bin')
    expect(fileExtension('trailing.')).toBe('bin')
  })

  it('keeps only the folder of a browser relative path', () => {
    expect(folderOf('photos/2024/a.jpg', 'a.jpg')).toBe('photos/2024')
    expect(folderOf('a.jpg', 'a.jpg')).toBeUndefined()
    expect(folderOf(undefined, 'a.jpg')).toBeUndefined()
    expect(folderOf('docs/', 'a.jpg')).toBe('docs')
  })

  it('names the entry by the last segment of the object key', () => {
    expect(entryFilename('uploads/aa11/bb22')).toBe('bb22')
    expect(entryFilename('single')).toBe('single')
  })
})
