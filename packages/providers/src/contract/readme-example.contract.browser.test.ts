import { createUploader, selectFiles, selectTotals } from '@uplink/core'
import { expect, inject, it } from 'vitest'
import { createS3Provider } from '../s3/s3-provider'

// The README's core example, as written there, against the emulator the contract project starts.
it("runs the README's core example", async () => {
  const signerUrl = inject('emulatorUrl')
  const session = { accessToken: inject('emulatorToken') } // the app's signed-in user
  const logged: string[] = []
  const progress: number[] = []
  const uploader = createUploader({
    provider: createS3Provider({
      signerUrl, // where createS3Signer is mounted
      getToken: () => session.accessToken, // the signer's authorize checks it
    }),
    concurrency: 4,
    partSize: 8 * 1024 ** 2,
    restrictions: { maxFileSize: 10 * 1024 ** 3, accept: ['image/*', '.pdf', '.txt'] },
    onError: (file, error) => logged.push(`${file.name} ${error.code} ${error.message}`),
  })

  const { ids, rejected } = await uploader.addFiles([
    new File(['hello uplink'], 'hello.txt', { type: 'text/plain' }),
    new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }),
  ])
  const unsubscribe = uploader.store.subscribe((state) => progress.push(selectTotals(state).progress))
  await uploader.whenIdle()
  unsubscribe()

  expect(ids).toHaveLength(1)
  expect(rejected.map((r) => [r.name, r.error.code])).toEqual([['setup.exe', 'restricted']])
  expect(logged).toEqual([])
  expect(progress.at(-1)).toBe(1)
  const [file] = selectFiles(uploader.store.getState())
  expect([file!.name, file!.status]).toEqual(['hello.txt', 'done'])
  expect(String(file!.result?.location)).toMatch(/hello\.txt$/)
  uploader.dispose()
})
