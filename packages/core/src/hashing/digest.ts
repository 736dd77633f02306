import { md5 } from '@noble/hashes/legacy.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { createCRC32, createMD5, createSHA256 } from 'hash-wasm'
import { UploadError } from '../errors'
import type { ChecksumAlgorithm, PartChecksums } from '../types'
import { createCrc32c } from './crc32c'
import { bytesToHex, hexToBase64 } from './encoding'

/** An incremental hasher: the same shape whether it runs in WebAssembly or plain JavaScript. */
export interface StreamHasher {
  update(bytes: Uint8Array): void
  digestHex(): string
}

const CRC32C_POLYNOMIAL = 0x82f63b78

/**
 * WebAssembly (hash-wasm) is several times faster, but a Content-Security-Policy without
 * 'wasm-unsafe-eval' forbids compiling it: the first failure switches this thread to the plain
 * JavaScript implementations (@noble/hashes, and our CRC-32C) for good. This module is reached
 * only from the hashing worker and, lazily, from the main-thread fallback: a page that never
 * hashes never loads it.
 */
let wasmBlocked = false

async function wasmHasher(algorithm: ChecksumAlgorithm): Promise<StreamHasher> {
  const hasher = algorithm === 'md5' ? await createMD5() : algorithm === 'sha256' ? await createSHA256() : await createCRC32(CRC32C_POLYNOMIAL)
  hasher.init()
  return { update: (bytes) => void hasher.update(bytes), digestHex: () => hasher.digest('hex') }
}

function jsHasher(algorithm: ChecksumAlgorithm): StreamHasher {
  if (algorithm === 'crc32c') return createCrc32c()
  const hash = algorithm === 'md5' ? md5.create() : sha256.create()
  return { update: (bytes) => void hash.update(bytes), digestHex: () => bytesToHex(hash.digest()) }
}

/** A fresh incremental hasher for one job (jobs on the main thread interleave, so none is shared). */
export async function createHasher(algorithm: ChecksumAlgorithm): Promise<StreamHasher> {
  if (!wasmBlocked) {
    try {
      return await wasmHasher(algorithm)
    } catch {
      wasmBlocked = true // CompileError under CSP, or no WebAssembly at all
    }
  }
  try {
    return jsHasher(algorithm)
  } catch (cause) {
    throw new UploadError({
      code: 'csp-blocked',
      message: `No ${algorithm.toUpperCase()} implementation could run here (WebAssembly and its fallback were blocked, likely by a Content-Security-Policy).`,
      cause,
    })
  }
}

export interface DigestOptions {
  /** Hash in steps of this many bytes, calling `pause` between them (main thread: stay responsive). */
  stepBytes?: number
  pause?: () => Promise<void>
}

/**
 * Digest bytes with each algorithm. SHA-256 of a part goes to WebCrypto (native, off the main
 * thread) where there is one; MD5 and CRC-32C have no WebCrypto form.
 */
export async function digestBytes(bytes: Uint8Array, algorithms: readonly ChecksumAlgorithm[], options: DigestOptions = {}): Promise<PartChecksums> {
  const checksums: PartChecksums = {}
  for (const algorithm of algorithms) {
    let hex: string
    if (algorithm === 'sha256' && typeof crypto !== 'undefined' && crypto.subtle) {
      hex = bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)))
    } else {
      const hasher = await createHasher(algorithm)
      await feed(hasher, bytes, options)
      hex = hasher.digestHex()
    }
    checksums[algorithm] = { hex, base64: hexToBase64(hex) }
  }
  return checksums
}

/** Give the bytes to a hasher, in steps with pauses between them when asked. */
export async function feed(hasher: StreamHasher, bytes: Uint8Array, { stepBytes, pause }: DigestOptions = {}): Promise<void> {
  if (!stepBytes || !pause || bytes.length <= stepBytes) return hasher.update(bytes)
  for (let offset = 0; offset < bytes.length; offset += stepBytes) {
    if (offset > 0) await pause()
    hasher.update(bytes.subarray(offset, offset + stepBytes))
  }
}
