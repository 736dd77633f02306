import path from 'node:path'
import ts from 'typescript'
import type { CodeSample } from './extract-samples'

/**
 * Type-checks code samples with the repository's compiler options, each as a module of its own
 * in this folder (so `@uplink/*` resolve through this package's dependencies, the way an app's
 * imports do), next to `your-app.d.ts`: the few names the samples take from "your app".
 * One program for all samples; each sample's diagnostics are read on their own.
 */
export function createSampleChecker(options: { root: string; here: string; samples: readonly CodeSample[] }) {
  const { root, here, samples } = options
  const config = ts.readConfigFile(path.join(root, 'tsconfig.base.json'), ts.sys.readFile)
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root)
  const compilerOptions: ts.CompilerOptions = {
    ...parsed.options,
    noEmit: true,
    // Every sample is a module, with or without an import.
    moduleDetection: ts.ModuleDetectionKind.Force,
    // Browser samples and the server sample (process.env) alike.
    types: ['vite/client', 'node'],
  }
  const fileOf = new Map<CodeSample, string>()
  const virtual = new Map<string, string>()
  samples.forEach((sample, index) => {
    const slug = sample.doc.replace(/[^\w]+/g, '_')
    const file = path.join(here, `__sample_${index}_${slug}_L${sample.line}.${sample.lang}`)
    fileOf.set(sample, file)
    virtual.set(file, sample.code)
  })

  const host = ts.createCompilerHost(compilerOptions, true)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    const text = virtual.get(path.resolve(fileName))
    return text === undefined ? getSourceFile(fileName, languageVersion, onError, shouldCreate) : ts.createSourceFile(fileName, text, languageVersion, true)
  }
  const fileExists = host.fileExists.bind(host)
  host.fileExists = (fileName) => virtual.has(path.resolve(fileName)) || fileExists(fileName)
  const readFile = host.readFile.bind(host)
  host.readFile = (fileName) => virtual.get(path.resolve(fileName)) ?? readFile(fileName)

  const program = ts.createProgram({ rootNames: [...virtual.keys(), path.join(here, 'your-app.d.ts')], options: compilerOptions, host })
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]

  return {
    /** Problems that are no sample's own (a broken your-app.d.ts, bad options). */
    globalProblems: () => global.map((d) => format(d, undefined)),
    /** The sample's type and syntax errors, as "doc:line:column message", with the document's line numbers. */
    problems(sample: CodeSample): string[] {
      const source = program.getSourceFile(fileOf.get(sample)!)!
      const diagnostics = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)]
      return diagnostics.map((d) => format(d, sample))
    },
  }
}

function format(diagnostic: ts.Diagnostic, sample: CodeSample | undefined): string {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
  const where = sample ? `${sample.doc}:${sample.line + line}:${character + 1}` : `${diagnostic.file.fileName}:${line + 1}:${character + 1}`
  return `${where} TS${diagnostic.code}: ${message}`
}
