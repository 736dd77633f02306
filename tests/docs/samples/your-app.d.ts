// What the documentation's code samples take from "your app", declared once so each sample
// type-checks as written: the signed-in session, an <input type="file">, an uploader made as
// the README shows. Nothing else is global: a sample that uses any other name it does not
// import or declare fails the docs test. (Only the docs test loads this file.)
import type { ReactElement, ReactNode } from 'react'
import type { Uploader } from '@uplink/core'

declare global {
  /** An uploader made with createUploader, as the README's first sample shows. */
  const uploader: Uploader
  /** The page's file input. */
  const input: HTMLInputElement
  /** Your session check on the server. */
  function isSignedIn(request: Request): boolean | Promise<boolean>
  /** Your design system's row and button. */
  function MyRow(props: { id: string; children?: ReactNode }): ReactElement
  function Button(props: { variant?: string; children?: ReactNode } & Record<string, unknown>): ReactElement
}
