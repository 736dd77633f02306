/** One server-planned part: the file range a URL accepts. */
export interface PlannedPart {
  part_number: number
  offset: number
  length: number
}

/**
 * Archetype splits on the server: `partSize`-sized parts, the last one shorter, numbered from 1
 * (current API). A zero-byte file is one part of length 0 (README rule 6).
 */
export function planParts(numBytes: number, partSize: number): PlannedPart[] {
  if (numBytes === 0) return [{ part_number: 1, offset: 0, length: 0 }]
  const parts: PlannedPart[] = []
  for (let offset = 0, n = 1; offset < numBytes; offset += partSize, n++) {
    parts.push({ part_number: n, offset, length: Math.min(partSize, numBytes - offset) })
  }
  return parts
}
