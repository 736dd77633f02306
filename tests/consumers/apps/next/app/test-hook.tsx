'use client'
import { useEffect } from 'react'
import { uploader } from './uploads'

/** Lets the test read the uploader's state from the page. */
export function TestHook() {
  useEffect(() => {
    Object.assign(window, { uplinkForTests: uploader })
  }, [])
  return null
}
