import type { Page } from 'playwright'
import type { MultipartRun } from '../page/src/protocol'
import { call, collectGarbage } from '../lib/browser'
import type { RunningEmulator } from '../lib/emulator'

const MiB = 1024 * 1024

export interface ExpirySettings {
  size: number
  partSize: number
  concurrency: number
  /** Lifetime of every part URL the emulator's signer hands out in the expiring run (X-Amz-Expires). */
  urlTtlSeconds: number
  capMs: number
}

/** One run and what the emulator saw of it. */
export interface ExpiryRun {
  run: MultipartRun
  /** Bytes every part PUT carried (Content-Length), refused ones included. */
  bytesSent: number
  partRequests: number
  /** Part PUTs refused as expired (403). */
  expiredAnswers: number
  /** Signer calls for part URLs (GET …/batch). */
  signCalls: number
}

export interface ExpiryResults {
  settings: ExpirySettings
  clean?: ExpiryRun
  expiring?: ExpiryRun
}

interface LoggedRequest {
  method: string
  path: string
  status: number
  bytes?: number
}

async function logged(emulator: RunningEmulator): Promise<LoggedRequest[]> {
  return (await (await fetch(`${emulator.apiUrl}/__log`)).json()) as LoggedRequest[]
}

async function measured(page: Page, emulator: RunningEmulator, settings: ExpirySettings): Promise<ExpiryRun> {
  await fetch(`${emulator.apiUrl}/__log`, { method: 'DELETE' })
  await collectGarbage(page)
  const run = await call(page, 'multipart', {
    signerUrl: emulator.apiUrl,
    mode: 'uplink',
    size: settings.size,
    partSize: settings.partSize,
    concurrency: settings.concurrency,
    checksum: 'none',
    capMs: settings.capMs,
  })
  const log = await logged(emulator)
  const parts = log.filter((e) => e.method === 'PUT' && e.path.startsWith('/s3-storage/'))
  return {
    run,
    bytesSent: parts.reduce((sum, e) => sum + (e.bytes ?? 0), 0),
    partRequests: parts.length,
    expiredAnswers: parts.filter((e) => e.status === 403).length,
    signCalls: log.filter((e) => e.method === 'GET' && /^\/s3\/multipart\/[^/]+\/batch/.test(e.path)).length,
  }
}

/**
 * The expiry case: one file by the S3 adapter, first with URLs that outlive the upload
 * (the clean time), then with every part URL living `urlTtlSeconds`, so URLs signed ahead go
 * stale mid-upload. The engine owns the URLs: it signs again before a URL dies and, after an
 * expired answer, signs every stale one again in one call. The figures: time and bytes sent
 * (every part PUT's Content-Length, refused ones included) against the clean run and the file.
 */
export async function urlExpiryCase(page: Page, emulator: RunningEmulator, settings: ExpirySettings): Promise<ExpiryResults> {
  const clean = await measured(page, emulator, settings)
  await emulator.setFaults([{ route: 's3.sign', urlTtlSeconds: settings.urlTtlSeconds }])
  let expiring: ExpiryRun
  try {
    expiring = await measured(page, emulator, settings)
  } finally {
    await emulator.setFaults([])
  }
  for (const [name, r] of [['clean', clean], ['expiring', expiring]] as const) {
    console.log(
      `  ${name}: ${(r.run.ms / 1000).toFixed(2)} s${r.run.complete ? '' : ' (capped)'}, ${(r.bytesSent / MiB).toFixed(0)} MiB sent in ${r.partRequests} PUTs (${r.expiredAnswers} expired), ${r.signCalls} signer calls`,
    )
  }
  return { settings, clean, expiring }
}
