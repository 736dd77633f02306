/**
 * Where an initiate request wants its file, as a path inside the emulated sandbox.
 *
 * The sandbox API treats the wildcard path as relative to its working directory unless the
 * raw request URL contains an encoded slash `%2F` (then it is absolute). A leading `~` means
 * $HOME, runs of `//` collapse. The emulated sandbox's "/" is a folder on the emulator's disk,
 * so a path that climbs above "/" with `..` is refused instead of being written anywhere.
 */
export interface SandboxDirs {
  /** Working directory that relative paths resolve against, e.g. "/home/user". */
  workdir: string
  /** What a leading `~` expands to, e.g. "/root". */
  home: string
}

export type SandboxPath = { ok: true; path: string } | { ok: false; message: string }

/** `rawRest` is the undecoded URL path after `/filesystem-multipart/initiate` ("" or "/…"). */
export function resolveSandboxPath(rawRest: string, dirs: SandboxDirs): SandboxPath {
  let decoded: string
  try {
    decoded = decodeURIComponent(rawRest)
  } catch {
    return { ok: false, message: `invalid path encoding: ${rawRest}` }
  }
  if (decoded.includes('\0')) return { ok: false, message: 'invalid path: NUL byte' }

  // The source checks the literal "%2F" in the raw URL, so a lowercase "%2f" stays relative.
  const absolute = rawRest.includes('%2F')
  const rest = decoded.replace(/^\/+/, '')
  let full: string
  if (rest === '~' || rest.startsWith('~/')) full = `${dirs.home}/${rest.slice(1)}`
  else if (absolute) full = `/${rest}`
  else full = `${dirs.workdir}/${rest}`

  const normalised = normalise(full)
  return normalised === null ? { ok: false, message: 'path is outside of the root directory' } : { ok: true, path: normalised }
}

/** POSIX normalisation of an absolute path; null when `..` would climb above "/". */
function normalise(absolutePath: string): string | null {
  const out: string[] = []
  for (const segment of absolutePath.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (out.length === 0) return null
      out.pop()
      continue
    }
    out.push(segment)
  }
  return `/${out.join('/')}`
}
