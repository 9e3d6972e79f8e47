// The bench's table: rows with a target say whether it was met, rows without one just measure, and a row that
// could not be measured says why, in a numbered note under the table. It fits `width` columns (the measure
// column wraps). Pure.

export interface Row {
  measure: string
  /** What was measured; null when it could not be, with the reason. */
  value: string | null
  /** What the value must be; null for a measurement without a target. */
  target: string | null
  /** Whether the target was met; ignored without a target or a value. */
  ok: boolean
  /** Why the row could not be measured, in a sentence. */
  reason?: string
}

/** Rows that were measured and missed their target: the bench fails with them. */
export function missed(rows: readonly Row[]): Row[] {
  return rows.filter((r) => r.value !== null && r.target !== null && !r.ok)
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line)
      line = ''
    }
    // A single word longer than the column is cut into pieces.
    let rest = word
    while (rest.length > width) {
      lines.push(rest.slice(0, width))
      rest = rest.slice(width)
    }
    line = line ? `${line} ${rest}` : rest
  }
  return [...lines, line]
}

/** The table as lines of at most `width` characters, then the numbered reasons for rows not measured. */
export function renderTable(rows: readonly Row[], width = 120): string[] {
  const reasons: string[] = []
  const cells = rows.map((r) => {
    if (r.value === null) {
      reasons.push(r.reason ?? 'no reason given')
      return [r.measure, `not measured (${reasons.length})`, r.target ?? '', '']
    }
    return [r.measure, r.value, r.target ?? '', r.target === null ? '' : r.ok ? 'met' : 'MISSED']
  })
  const header = ['measure', 'value', 'target', 'result']
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)))
  // "| a | b | c | d |": 3 characters around each cell but the first, which has 4.
  const frame = 4 + 3 * (header.length - 1)
  const others = widths.slice(1).reduce((sum, w) => sum + w, 0)
  widths[0] = Math.max(20, Math.min(widths[0]!, width - frame - others))
  const line = (c: readonly string[]): string => `| ${c.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`
  const out = [line(header), line(widths.map((w) => '-'.repeat(w)))]
  for (const c of cells) {
    const [first, ...more] = wrap(c[0]!, widths[0])
    out.push(line([first!, ...c.slice(1)]))
    for (const next of more) out.push(line([next, '', '', '']))
  }
  if (reasons.length) out.push('', ...reasons.map((reason, i) => `(${i + 1}) ${reason}`))
  return out
}
