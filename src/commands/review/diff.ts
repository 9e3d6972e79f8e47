// Unified-diff hunks of one file, as GitHub gives them in a pull request's file list ("patch"). Pure.
// GitHub accepts a review comment on the RIGHT side only on a line inside one of these hunks, so the
// hunks decide, by code, where an inline comment may go.

export interface DiffLine {
  kind: 'context' | 'added' | 'removed'
  text: string
  /** The line's number in the new file (RIGHT side); null for a removed line. */
  newLine: number | null
}

export interface Hunk {
  header: string
  oldStart: number
  newStart: number
  /** Lines of the new file the hunk spans (newStart .. newStart + newLines - 1). */
  newLines: number
  lines: DiffLine[]
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/

/** The hunks of one file's patch. Lines before the first hunk header (git's file headers) are skipped. */
export function parsePatch(patch: string): Hunk[] {
  const hunks: Hunk[] = []
  let current: Hunk | null = null
  let next = 0
  for (const line of patch.replace(/\r\n?/g, '\n').split('\n')) {
    const header = HUNK_HEADER.exec(line)
    if (header) {
      next = Number(header[3])
      current = {
        header: line,
        oldStart: Number(header[1]),
        newStart: next,
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        lines: []
      }
      hunks.push(current)
      continue
    }
    if (!current) continue
    // "\ No newline at end of file" belongs to the line before it and is no line of either side.
    if (line.startsWith('\\')) continue
    if (line.startsWith('+')) current.lines.push({ kind: 'added', text: line.slice(1), newLine: next++ })
    else if (line.startsWith('-')) current.lines.push({ kind: 'removed', text: line.slice(1), newLine: null })
    else if (line.startsWith(' ') || (line === '' && next < current.newStart + current.newLines)) {
      // An empty context line may lose its leading space in transit; count it while the hunk expects more.
      current.lines.push({ kind: 'context', text: line.slice(1), newLine: next++ })
    }
  }
  return hunks
}

export interface LineRange {
  start: number
  end: number
}

/** The RIGHT-side line ranges of each hunk: where GitHub accepts an inline comment. */
export function rightSideRanges(patch: string): LineRange[] {
  return parsePatch(patch)
    .map((h) => {
      const numbered = h.lines.filter((l) => l.newLine !== null).map((l) => l.newLine!)
      return numbered.length ? { start: numbered[0]!, end: numbered.at(-1)! } : null
    })
    .filter((r): r is LineRange => r !== null)
}

/**
 * The patch as the model reads it: every line that exists in the new file starts with its line number,
 * so the model can name the exact line it comments on; removed lines have no number.
 */
export function numberedPatch(hunks: readonly Hunk[]): string {
  const widest = Math.max(1, ...hunks.flatMap((h) => h.lines.map((l) => String(l.newLine ?? '').length)))
  const sign = { context: ' ', added: '+', removed: '-' } as const
  return hunks
    .map((h) =>
      [
        h.header,
        ...h.lines.map((l) => `${String(l.newLine ?? '').padStart(widest)} ${sign[l.kind]} ${l.text}`.trimEnd())
      ].join('\n')
    )
    .join('\n')
}

/** A file's full text with line numbers, for the model. */
export function numberedText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n')
  const width = String(lines.length).length
  return lines.map((line, i) => `${String(i + 1).padStart(width)}  ${line}`.trimEnd()).join('\n')
}
