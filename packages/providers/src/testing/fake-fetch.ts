/** A fetch for adapter unit tests: it records what it was asked and answers from a queue. */
export function fakeFetch(...answers: Array<() => Response | Promise<Response>>) {
  const calls: Array<{ url: string; init: RequestInit }> = []
  const fetch = (async (url: string, init: RequestInit) => {
    calls.push({ url, init })
    const next = answers.shift()
    if (!next) throw new Error('no more answers')
    return next()
  }) as unknown as typeof globalThis.fetch
  return { fetch, calls }
}
