import { hashing } from './hashing'
import { many } from './many-run'
import { multipart } from './multipart-run'
import type { BenchApi } from './protocol'

// The page the Node runner (bench/run.ts) drives: each case is one function on window.bench.
const status = (text: string) => (document.getElementById('status')!.textContent = text)

const busy =
  <I, O>(name: string, run: (input: I) => Promise<O>) =>
  async (input: I): Promise<O> => {
    status(`running ${name}`)
    try {
      return await run(input)
    } finally {
      status('idle')
    }
  }

const api: BenchApi = {
  multipart: busy('multipart', multipart),
  many: busy('many', many),
  hashing: busy('hashing', hashing),
  info: () => ({ hardwareConcurrency: navigator.hardwareConcurrency, userAgent: navigator.userAgent, crossOriginIsolated }),
}

;(window as unknown as { bench: BenchApi }).bench = api
status('ready')
