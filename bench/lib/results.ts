import type { BundleResults } from '../cases/bundle-size'
import type { DemoManyResults } from '../cases/demo-many'
import type { HashResults } from '../cases/hashing'
import type { ManyResults, SmallFilesResults } from '../cases/many-files'
import type { UploadResults } from '../cases/uploads'
import type { ExpiryResults } from '../cases/url-expiry'
import type { Machine } from './machine'

export interface Budget {
  case: string
  budget: string
  figure: string
  met: boolean | null
}

export interface BenchResults {
  machine: Machine
  durationSeconds: number
  uploads: UploadResults
  many: ManyResults
  /** Case 2c (absent in runs that skipped it). */
  small?: SmallFilesResults
  /** Case 2b (absent in results from before it existed). */
  demo?: DemoManyResults
  hashing: HashResults
  bundle: BundleResults
  expiry: ExpiryResults
  budgets: Budget[]
}
