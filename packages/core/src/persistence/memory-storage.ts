import type { KeptFileRecord, PartRecord, ScopeStorage, SessionRecord } from './records'

interface Tables {
  sessions: Map<string, SessionRecord>
  parts: Map<string, Map<number, PartRecord>>
  kept: Map<string, KeptFileRecord>
}

// Shared by every uploader of the page with the same database name, as IndexedDB would be,
// so a test can "reload" by making a second uploader.
const databases = new Map<string, Tables>()

/** A scope's records in memory: where IndexedDB is missing (Node, some private modes), and in tests. */
export function openMemoryScope(databaseName: string): ScopeStorage {
  let tables = databases.get(databaseName)
  if (!tables) databases.set(databaseName, (tables = { sessions: new Map(), parts: new Map(), kept: new Map() }))
  const { sessions, parts, kept } = tables
  // Kept files hold Blobs and handles: stored as they are (structuredClone keeps them, but costs a copy per call).
  const copy = <T>(value: T): T => structuredClone(value)

  return {
    async getUpload(key) {
      const session = sessions.get(key)
      if (!session || session.expiresAt <= Date.now()) return undefined
      return { session: copy(session), parts: [...(parts.get(key)?.values() ?? [])].map(copy).sort((a, b) => a.number - b.number) }
    },
    putSession: async (record) => void sessions.set(record.key, copy(record)),
    async putPart(record) {
      let byNumber = parts.get(record.key)
      if (!byNumber) parts.set(record.key, (byNumber = new Map()))
      byNumber.set(record.number, copy(record))
    },
    async deleteUploads(keys) {
      for (const key of keys) {
        sessions.delete(key)
        parts.delete(key)
      }
    },
    putKept: async (record) => void kept.set(record.key, { ...record }),
    deleteKept: async (keys) => keys.forEach((key) => kept.delete(key)),
    async apply({ putKept, deleteKept, deleteUploads }) {
      for (const key of deleteUploads) {
        sessions.delete(key)
        parts.delete(key)
      }
      for (const record of putKept) kept.set(record.key, { ...record })
      for (const key of deleteKept) kept.delete(key)
    },
    listKept: async () => [...kept.values()].filter((record) => record.expiresAt > Date.now()).map((record) => ({ ...record })),
    async sweep(now) {
      for (const [key, session] of sessions) {
        if (session.expiresAt > now) continue
        sessions.delete(key)
        parts.delete(key)
      }
      for (const [key, record] of kept) if (record.expiresAt <= now) kept.delete(key)
    },
    async clear() {
      sessions.clear()
      parts.clear()
      kept.clear()
    },
  }
}
