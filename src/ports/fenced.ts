// Text shown as code: the fence every reader of git-bob's text (the model, the job summary) relies on. Pure.

/** A code block whose fence is longer than any backtick run inside, so the content cannot close it. */
export function fenced(text: string, language = ''): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  const fence = '`'.repeat(longest + 1)
  return `${fence}${language}\n${text}\n${fence}`
}
