// The known word nearest to a mistyped one, for "did you mean ...?": edit distance counting a swap of two
// neighbouring letters as one edit (--modle is one edit from --model); pure.

/** The nearest of the known words, or null when none is within a few edits (a third of the word, at least 2). */
export function closest(typed: string, known: readonly string[]): string | null {
  const limit = Math.max(2, Math.floor(typed.length / 3))
  let best: string | null = null
  let bestDistance = limit + 1
  for (const word of known) {
    const d = editDistance(typed.toLowerCase(), word)
    if (d < bestDistance) [best, bestDistance] = [word, d]
  }
  return best
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        value = Math.min(value, d[i - 2]![j - 2]! + 1)
      d[i]![j] = value
    }
  return d[a.length]![b.length]!
}
