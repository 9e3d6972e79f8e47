// What the libraries for files beyond text cost when a run needs them: each one's chunks in dist/ (found in the
// build's metafile), their size and the time to import them in a fresh process after the chunks an implement
// run has loaded by then; and the time to encode a minute of speech as MP3.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { build, type Metafile } from 'esbuild'
import { splitOptions } from '../scripts/build.ts'
import { mp3FromPcm } from '../src/media/encode-mp3.ts'
import { speechPcm } from '../test/fakes/media-bytes.ts'

/** The npm packages src/media/ imports when a format is first used. */
export const MEDIA_LIBRARIES = ['pptxgenjs', 'docx', 'exceljs', 'unpdf', 'fast-png', '@breezystack/lamejs'] as const

export interface MediaChunks {
  library: string
  /** dist/chunks/ files only this library's import brings (its own chunk first). */
  chunks: string[]
  bytes: number
  /** Median milliseconds to import them, in a fresh process where the chunks an implement run loads are loaded. */
  importMs: number
}

function staticClosure(metafile: Metafile, from: string[]): Set<string> {
  const seen = new Set<string>()
  const visit = (name: string): void => {
    if (seen.has(name)) return
    seen.add(name)
    for (const i of metafile.outputs[name]!.imports) if (!i.external && i.kind === 'import-statement') visit(i.path)
  }
  for (const name of from) visit(name)
  return seen
}

/** The library's chunks, and the shared chunks an implement run has loaded before it (main and implement). */
function chunksOf(metafile: Metafile, library: string): { own: string[]; before: string[] } {
  const outputs = metafile.outputs
  const byEntry = (test: (entry: string) => boolean): string[] =>
    Object.keys(outputs).filter((o) => outputs[o]!.entryPoint && test(outputs[o]!.entryPoint))
  const before = staticClosure(
    metafile,
    byEntry((e) => e === 'src/main.ts' || e.endsWith('/implement.ts'))
  )
  const inPackage = (e: string): boolean => e.startsWith(`node_modules/${library}/`)
  // The package's entry chunk, and the chunks it imports later from within itself (unpdf loads pdf.js so).
  const entries = byEntry(inPackage)
  for (const entry of [...entries])
    for (const i of outputs[entry]!.imports)
      if (i.kind === 'dynamic-import' && inPackage(outputs[i.path]?.entryPoint ?? '')) entries.push(i.path)
  const own = [...staticClosure(metafile, entries)].filter((o) => !before.has(o))
  own.sort((a, b) => Number(entries.includes(b)) - Number(entries.includes(a)))
  // Only the shared chunks: the main chunk itself would start a run when imported.
  return { own, before: [...before].filter((o) => !outputs[o]!.entryPoint) }
}

function importMs(files: string[], before: string[], runs: number): number {
  const script = `
    for (const f of ${JSON.stringify(before.map((f) => pathToFileURL(f).href))}) await import(f)
    const t = performance.now()
    for (const f of ${JSON.stringify(files.map((f) => pathToFileURL(f).href))}) await import(f)
    console.log(performance.now() - t)`
  const times = Array.from({ length: runs }, () =>
    Number(
      execFileSync(process.execPath, ['--enable-source-maps', '--input-type=module', '-e', script], {
        encoding: 'utf8'
      })
    )
  )
  return [...times].sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

/** Each media library's chunks in the built dist/ at `root`, their size and import time. */
export async function measureMediaChunks(root: string, runs = 3): Promise<MediaChunks[]> {
  // The same options as the committed build (deterministic), so the metafile names dist/'s files.
  const { metafile } = await build({ ...splitOptions('dist', true), absWorkingDir: root, write: false })
  return MEDIA_LIBRARIES.map((library) => {
    const { own, before } = chunksOf(metafile, library)
    const files = own.map((o) => join(root, o))
    const missing = [...files, ...before.map((o) => join(root, o))].find((f) => !existsSync(f))
    if (missing) throw new Error(`${missing} is missing: dist/ is not what the sources build to (npm run build)`)
    const bytes = files.reduce((sum, f) => sum + statSync(f).size, 0)
    return {
      library,
      chunks: own,
      bytes,
      importMs: importMs(
        files,
        before.map((o) => join(root, o)),
        runs
      )
    }
  })
}

/** Median milliseconds to encode `seconds` of 24 kHz mono speech as a 64 kbit/s MP3, and the MP3's size. */
export async function measureMp3Encode(seconds = 60, runs = 3): Promise<{ ms: number; bytes: number }> {
  const pcm = speechPcm(seconds)
  const times: number[] = []
  let bytes = 0
  for (let i = 0; i < runs; i++) {
    const t = performance.now()
    bytes = (await mp3FromPcm(pcm, 24000)).length
    times.push(performance.now() - t)
  }
  return { ms: [...times].sort((a, b) => a - b)[Math.floor(runs / 2)]!, bytes }
}

export interface DocumentRead {
  case: string
  /** The file's size and what its parts would inflate to. */
  bytes: number
  inflated: number
  ms: number
  /** Peak resident memory of the process that read it (Node itself is about 50 MB of it). */
  rss: number
  chars: number
}

/**
 * Time and peak memory of reading a document as an attachment is read (60,000 characters of text), each
 * in a fresh process: a zip bomb of markup (a Word document whose XML inflates to 280 MB, like the one
 * that took 13.7 s and 1.3 GB) and a normal document. `root` is the checkout whose src/ reads it.
 */
export async function measureDocumentReads(root: string): Promise<DocumentRead[]> {
  const { markupBomb } = await import('../test/fakes/office-bytes.ts')
  const { buildDocument } = await import('../src/media/write-office.ts')
  const paragraph = 'A paragraph of an ordinary report, with a few words on what was measured and why. '.repeat(4)
  const normal = await buildDocument(
    {
      title: 'Report',
      blocks: Array.from({ length: 400 }, () => ({
        kind: 'paragraph' as const,
        text: paragraph,
        level: null,
        items: null,
        rows: null,
        image: null
      })),
      note: ''
    },
    async () => null
  )
  const cases = [
    { case: 'a Word document of 400 paragraphs', bytes: normal.bytes, inflated: 0 },
    { case: 'a zip bomb: a Word document whose XML inflates to 280 MB', bytes: markupBomb(280), inflated: 280_000_000 }
  ]
  const dir = mkdtempSync(join(tmpdir(), 'git-bob-bench-documents-'))
  try {
    return cases.map((c) => {
      const file = join(dir, 'document.docx')
      writeFileSync(file, c.bytes)
      const script = `
        import { readFileSync } from 'node:fs'
        const { readDocument } = await import(${JSON.stringify(pathToFileURL(join(root, 'src/media/read-document.ts')).href)})
        const bytes = new Uint8Array(readFileSync(${JSON.stringify(file)}))
        const t = performance.now()
        const read = await readDocument('docx', bytes, 0, 60000)
        const ms = performance.now() - t
        console.log(JSON.stringify({ ms, rss: process.resourceUsage().maxRSS * 1024, chars: read.text.length }))`
      const out = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })
      ) as { ms: number; rss: number; chars: number }
      return { case: c.case, bytes: c.bytes.length, inflated: c.inflated, ...out }
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
