import type { UploadProvider, UploadResult } from '@uplink/core'
import { createArchetypeProvider } from '@uplink/providers/archetype'
import { createBlaxelProvider } from '@uplink/providers/blaxel'
import { createCogniteProvider } from '@uplink/providers/cognite'
import { createDrimeProvider } from '@uplink/providers/drime'
import { createGjirafaProvider } from '@uplink/providers/gjirafa'
import { type S3Checksum, createS3Provider } from '@uplink/providers/s3'
import { createTusProvider } from '@uplink/providers/tus'
import { EMULATOR_TOKEN, EMULATOR_URL } from './emulator'

/** What the settings panel passes to a storage when the uploader is made. */
export interface ProviderSettings {
  /** S3 only: how each part is protected. */
  checksum: S3Checksum
}

/** One storage the demo can upload to, all served by the local emulator. */
export interface DemoProvider {
  id: string
  label: string
  /** One line on how this API uploads, for the storage picker. */
  description: string
  /** The emulator's name for the store (its /__inspect and /__list routes). */
  store: string
  /** The emulator's fault-injection route for part uploads (apps/emulator, PUT /__faults). */
  partRoute: string
  /** Whether the part checksum setting applies. */
  checksums: boolean
  make(settings: ProviderSettings): UploadProvider
  /** The emulator's key for a finished upload. */
  storedKey(result: UploadResult): string
}

// The demo token stands in for the app's session: a real app fetches a short-lived token.
const getToken = () => EMULATOR_TOKEN
const GJIRAFA_PROJECT = 'p1a2b3c4'

export const demoProviders: DemoProvider[] = [
  {
    id: 's3',
    label: 'Amazon S3 (multipart)',
    description: 'Presigned multipart upload through a signer; s3rver stores the bytes.',
    store: 's3',
    partRoute: 's3.put',
    checksums: true,
    make: ({ checksum }) => createS3Provider({ signerUrl: EMULATOR_URL, getToken, checksum }),
    storedKey: (r) => String(r.key),
  },
  {
    id: 'tus',
    label: 'tus 1.0',
    description: 'Resumable uploads by offset to @tus/server.',
    store: 'tus',
    partRoute: 'tus.patch',
    checksums: false,
    make: () => createTusProvider({ endpoint: `${EMULATOR_URL}/tus/files`, getToken }),
    storedKey: (r) => String(r.key),
  },
  {
    id: 'blaxel',
    label: 'Blaxel sandbox',
    description: 'Multipart upload into a sandbox filesystem.',
    store: 'blaxel',
    partRoute: 'blaxel.part',
    checksums: false,
    make: () => createBlaxelProvider({ baseUrl: `${EMULATOR_URL}/blaxel`, getToken, directory: '/tmp/uploads' }),
    storedKey: (r) => String(r.key),
  },
  {
    id: 'cognite',
    label: 'Cognite Data Fusion',
    description: 'Files API with multipart upload URLs.',
    store: 'cognite',
    partRoute: 'cognite.part',
    checksums: false,
    // Cognite has no abort: Cancel deletes the file resource, so a cancelled upload leaves nothing behind.
    make: () => createCogniteProvider({ baseUrl: `${EMULATOR_URL}/cognite/api/v1/projects/demo`, getToken, deleteFileOnAbort: true }),
    storedKey: (r) => String(r.key),
  },
  {
    id: 'drime',
    label: 'Drime Cloud',
    description: 'Signed part URLs into the drive.',
    store: 'drime',
    partRoute: 'storage.put',
    checksums: false,
    make: () => createDrimeProvider({ baseUrl: `${EMULATOR_URL}/drime/api/v1`, getToken }),
    storedKey: (r) => String(r.drivePath),
  },
  {
    id: 'archetype',
    label: 'Archetype AI',
    description: 'File uploads with presigned part URLs.',
    store: 'archetype',
    partRoute: 'storage.put',
    checksums: false,
    make: () => createArchetypeProvider({ baseUrl: `${EMULATOR_URL}/archetype/v0.5`, getToken }),
    storedKey: (r) => String(r.fileName),
  },
  {
    id: 'gjirafa',
    label: 'Gjirafa VP',
    description: 'Video platform uploads in resumable parts.',
    store: 'gjirafa',
    partRoute: 'storage.put',
    checksums: false,
    make: () => createGjirafaProvider({ baseUrl: `${EMULATOR_URL}/gjirafa`, projectId: GJIRAFA_PROJECT, getToken }),
    storedKey: (r) => `${String(r.projectId)}/${String(r.fileName)}`,
  },
]

export const providerById = (id: string | null): DemoProvider => demoProviders.find((p) => p.id === id) ?? demoProviders[0]!
