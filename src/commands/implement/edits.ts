// Search/replace edits of a file, applied in order, all or nothing. Pure.

export interface Edit {
  search: string
  replace: string
}

export type EditResult = { ok: true; content: string } | { ok: false; problem: string }

function occurrences(text: string, part: string): number {
  let count = 0
  // Overlapping matches count too: "aa" occurs twice in "aaa".
  for (let at = text.indexOf(part); at !== -1; at = text.indexOf(part, at + 1)) count++
  return count
}

/** Each search text must occur exactly once in the file as it is after the edits before it. */
export function applyEdits(original: string, edits: readonly Edit[]): EditResult {
  if (!edits.length) return { ok: false, problem: 'no edits were given' }
  let content = original
  for (const [i, edit] of edits.entries()) {
    if (!edit.search) return { ok: false, problem: `edit ${i + 1} has an empty search text` }
    const count = occurrences(content, edit.search)
    if (count === 0)
      return {
        ok: false,
        problem: `edit ${i + 1}: the search text does not occur in the file (it must match exactly, including white space):\n${edit.search.slice(0, 500)}`
      }
    if (count > 1)
      return {
        ok: false,
        problem: `edit ${i + 1}: the search text occurs ${count} times; include more surrounding lines so it is unique:\n${edit.search.slice(0, 500)}`
      }
    const at = content.indexOf(edit.search)
    content = content.slice(0, at) + edit.replace + content.slice(at + edit.search.length)
  }
  return { ok: true, content }
}
