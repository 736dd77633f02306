// pnpm hooks for this workspace.
//
// beforePacking (pnpm pack / pnpm publish / changeset publish): the "source" export condition
// points into src/ so the workspace's tests, Storybook and type-check run on the sources; src/
// is not published, so the condition is dropped from the packed package.json.
function withoutSource(target) {
  if (target === null || typeof target !== 'object' || Array.isArray(target)) return target
  const rest = Object.fromEntries(Object.entries(target).filter(([condition]) => condition !== 'source').map(([k, v]) => [k, withoutSource(v)]))
  const keys = Object.keys(rest)
  return keys.length === 1 && keys[0] === 'default' ? rest.default : rest
}

module.exports = {
  hooks: {
    beforePacking(pkg) {
      if (pkg.exports) pkg.exports = withoutSource(pkg.exports)
      return pkg
    },
  },
}
