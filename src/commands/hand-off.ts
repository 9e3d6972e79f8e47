// When the model is not sure, git-bob says so openly and asks the maintainers instead of guessing. Pure.

export interface HandOff {
  body: string
  /** The maintainers, mentioned on purpose (the Outbox lets these through). */
  mentions: string[]
}

function names(logins: readonly string[]): string {
  const at = logins.map((l) => `@${l}`)
  return at.length <= 1 ? (at[0] ?? '') : `${at.slice(0, -1).join(', ')} and ${at.at(-1)}`
}

export function handOff(answer: string, doubt: string | null, maintainers: readonly string[]): HandOff {
  const why = (doubt ?? '')
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[.!]+$/, '')
  const reason = why ? `: ${why}.` : '.'
  const ask = maintainers.length
    ? `Rather than guess, I'm asking ${names(maintainers)} to take a look.`
    : 'Rather than guess, I leave this to a maintainer of this repository.'
  const note = `> [!NOTE]\n> I'm not sure about this${reason} ${ask}`
  return { body: answer.trim() ? `${note}\n\n${answer.trim()}` : note, mentions: [...maintainers] }
}
