/**
 * Text that ends up in object keys and headers, bounded in UTF-8 bytes (what S3 counts), not
 * UTF-16 units, and cleaned of characters that make a name lie about itself: control
 * characters (C0, DEL, C1) and the bidirectional overrides and isolates that can show
 * "invoice_exe.pdf" for "invoice_fdp.exe".
 */

const encoder = new TextEncoder()

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g
/** Bidi embedding, override, isolate and mark characters, plus the byte-order mark. */
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g
/** A surrogate without its pair: not encodable as UTF-8. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g

export const utf8Length = (text: string): number => encoder.encode(text).length

/** NFC-normalised, without control, bidi formatting characters or lone surrogates. */
export function stripUnsafeCharacters(text: string): string {
  return text.replace(LONE_SURROGATE, '').normalize('NFC').replace(CONTROL, '').replace(BIDI, '')
}

/** The longest prefix of `text` that fits in `maxBytes` of UTF-8, cut between code points. */
export function truncateUtf8(text: string, maxBytes: number): string {
  let bytes = 0
  let end = 0
  for (const char of text) {
    const size = utf8Length(char)
    if (bytes + size > maxBytes) break
    bytes += size
    end += char.length
  }
  return text.slice(0, end)
}

/** Fit a file name in `maxBytes`, shortening the stem and keeping a short extension. */
export function truncateFileName(name: string, maxBytes: number): string {
  if (utf8Length(name) <= maxBytes) return name
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? name.slice(dot) : ''
  if (extension && utf8Length(extension) <= 16 && utf8Length(extension) < maxBytes) {
    return truncateUtf8(name.slice(0, dot), maxBytes - utf8Length(extension)) + extension
  }
  return truncateUtf8(name, maxBytes)
}
