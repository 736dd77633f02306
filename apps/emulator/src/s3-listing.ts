import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'

/** One object the store holds, as the demo's "Already on the server" list shows it. */
export interface ListedObject {
  key: string
  size: number
  modifiedAt: string
}

// s3rver's file layout (lib/stores/filesystem.js): <bucket>/<key>._S3rver_object holds the
// bytes, and <key>._S3rver_metadata.json is written after them, last of an object's files.
const OBJECT = '._S3rver_object'
const METADATA = '._S3rver_metadata.json'
/** Stats at once: enough to be quick, few enough to leave libuv's threads to the uploads' writes. */
const BATCH = 16

/**
 * What s3rver holds in `bucketDir`, newest first, read from its folder rather than through
 * ListObjectsV2. s3rver's own listing walks the tree synchronously (the emulator answers nothing
 * else meanwhile), reads every object's metadata, and fails the whole listing with a 500 when one
 * object's metadata is half written (JSON.parse of an empty file): with uploads landing, most
 * listings failed, and each failure was retried. Here an object counts once its metadata is
 * written (non-empty); one still being stored is left out, not an error.
 */
export async function listS3Objects(bucketDir: string): Promise<ListedObject[]> {
  let names: string[]
  try {
    names = await readdir(bucketDir, { recursive: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const keys = names.filter((name) => name.endsWith(OBJECT)).map((name) => name.slice(0, -OBJECT.length))
  const objects: ListedObject[] = []
  for (let i = 0; i < keys.length; i += BATCH) {
    const found = await Promise.all(keys.slice(i, i + BATCH).map((key) => storedObject(bucketDir, key)))
    for (const object of found) if (object) objects.push(object)
  }
  return objects.sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt))
}

async function storedObject(bucketDir: string, relative: string): Promise<ListedObject | undefined> {
  const base = path.join(bucketDir, relative)
  try {
    const [bytes, metadata] = await Promise.all([stat(`${base}${OBJECT}`), stat(`${base}${METADATA}`)])
    if (metadata.size === 0) return undefined
    return { key: relative.split(path.sep).join('/'), size: bytes.size, modifiedAt: bytes.mtime.toISOString() }
  } catch (error) {
    // Deleted, or not finished storing, between the folder read and the stat.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}
