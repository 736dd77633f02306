import type { UploadProvider, UploadResult } from '@uplink/core'
import { createArchetypeProvider } from '@uplink/providers/archetype'
import { createBlaxelProvider } from '@uplink/providers/blaxel'
import { createCogniteProvider } from '@uplink/providers/cognite'
import { createDrimeProvider } from '@uplink/providers/drime'
import { createGjirafaProvider } from '@uplink/providers/gjirafa'
import { createS3Provider } from '@uplink/providers/s3'
import { createTusProvider } from '@uplink/providers/tus'
import { EMULATOR_TOKEN, EMULATOR_URL } from './emulator'

/** One storage the demo can upload to, all served by the local emulator. */
export interface DemoProvider {
  id: string
  label: string
  /** The emulator's name for the store (its /__inspect and /__list routes). */
  store: string
  make(): UploadProvider
  /** The emulator's key for a finished upload. */
  storedKey(result: UploadResult): string
}

// The demo token stands in for the app's session: a real app fetches a short-lived token.
const getToken = () => EMULATOR_TOKEN
const GJIRAFA_PROJECT = 'p1a2b3c4'

export const demoProviders: DemoProvider[] = [
  {
    id: 's3',
    label: 'S3 multipart (s3rver), Content-MD5',
    store: 's3',
    make: () => createS3Provider({ signerUrl: EMULATOR_URL, getToken }),
    storedKey: (r) => String(r.key),
  },
  {
    id: 's3-crc32c',
    label: 'S3 multipart (s3rver), CRC32C per part',
    store: 's3',
    make: () => createS3Provider({ signerUrl: EMULATOR_URL, getToken, checksum: 'crc32c' }),
    storedKey: (r) => String(r.key),
  },
  {
    id: 'tus',
    label: 'tus 1.0 (@tus/server)',
    store: 'tus',
    make: () => createTusProvider({ endpoint: `${EMULATOR_URL}/tus/files`, getToken }),
    storedKey: (r) => String(r.key),
  },
  {
    id: 'blaxel',
    label: 'Blaxel sandbox filesystem',
    store: 'blaxel',
    make: () => createBlaxelProvider({ baseUrl: `${EMULATOR_URL}/blaxel`, getToken, directory: '/tmp/uploads' }),
    storedKey: (r) => String(r.key),
  },
  {
    id: 'cognite',
    label: 'Cognite Data Fusion files',
    store: 'cognite',
    make: () => createCogniteProvider({ baseUrl: `${EMULATOR_URL}/cognite/api/v1/projects/demo`, getToken }),
    storedKey: (r) => String(r.key),
  },
  {
    id: 'drime',
    label: 'Drime Cloud',
    store: 'drime',
    make: () => createDrimeProvider({ baseUrl: `${EMULATOR_URL}/drime/api/v1`, getToken }),
    storedKey: (r) => String(r.drivePath),
  },
  {
    id: 'archetype',
    label: 'Archetype AI files',
    store: 'archetype',
    make: () => createArchetypeProvider({ baseUrl: `${EMULATOR_URL}/archetype/v0.5`, getToken }),
    storedKey: (r) => String(r.fileName),
  },
  {
    id: 'gjirafa',
    label: 'Gjirafa VP',
    store: 'gjirafa',
    make: () => createGjirafaProvider({ baseUrl: `${EMULATOR_URL}/gjirafa`, projectId: GJIRAFA_PROJECT, getToken }),
    storedKey: (r) => `${String(r.projectId)}/${String(r.fileName)}`,
  },
]
