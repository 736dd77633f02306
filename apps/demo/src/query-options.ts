import type { Restrictions, UploaderOptions } from '@uplink/core'

/**
 * Uploader options from the page's query string, for the e2e suite and for trying limits by
 * hand: `?maxFileSize=1048576&maxFiles=3&accept=image/*,.txt&partSize=5242880&concurrency=2`.
 * Anything absent keeps the demo's default.
 */
export function uploaderOptionsFromQuery(search: string): Pick<UploaderOptions, 'restrictions' | 'partSize' | 'concurrency'> {
  const query = new URLSearchParams(search)
  const number = (name: string) => {
    const value = Number(query.get(name) ?? NaN)
    return Number.isFinite(value) && value >= 0 ? value : undefined
  }
  const restrictions: Restrictions = {}
  const maxFileSize = number('maxFileSize')
  const maxFiles = number('maxFiles')
  const accept = query.get('accept')
  if (maxFileSize !== undefined) restrictions.maxFileSize = maxFileSize
  if (maxFiles !== undefined) restrictions.maxFiles = maxFiles
  if (accept) restrictions.accept = accept.split(',')
  const partSize = number('partSize')
  const concurrency = number('concurrency')
  return {
    ...(Object.keys(restrictions).length > 0 ? { restrictions } : {}),
    ...(partSize ? { partSize } : {}),
    ...(concurrency ? { concurrency } : {}),
  }
}
