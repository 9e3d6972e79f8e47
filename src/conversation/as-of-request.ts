// The one rule for what the model may read of a thread: the thread as it was when the request was made.
// A message written after the request is left out; one edited after it keeps its place with a note instead
// of its text, so nobody can change what git-bob reads after a maintainer asked. The thread loader and the
// read_thread tool both apply it. Pure.
import { counted } from '../plural.ts'

export const EDITED_AFTER_REQUEST = '[This message was edited after the request was made; its text is left out.]'

export interface Dated {
  createdAt: string
  updatedAt: string
  body: string
}

export interface AsOfRequest<T> {
  /** Written by the request's time, in their order; an edited one with EDITED_AFTER_REQUEST as its body. */
  kept: T[]
  /** Written after the request. */
  later: number
  /** Edited after the request (their text replaced). */
  edited: number
}

const time = (iso: string): number => Date.parse(iso)

/**
 * `requestTime`: when the request was made (ISO). `mayEdit`: messages whose later edits do not count
 * (git-bob's own: it edits its progress comment while it works).
 */
export function asOfRequest<T extends Dated>(
  messages: readonly T[],
  requestTime: string,
  mayEdit: (message: T) => boolean = () => false
): AsOfRequest<T> {
  const cutoff = time(requestTime)
  const kept: T[] = []
  let later = 0
  let edited = 0
  for (const message of messages) {
    // A time that does not parse cannot be shown to be before the request.
    const created = time(message.createdAt)
    if (!(created <= cutoff)) {
      later++
      continue
    }
    if (!(time(message.updatedAt) <= cutoff) && !mayEdit(message)) {
      edited++
      kept.push({ ...message, body: EDITED_AFTER_REQUEST })
      continue
    }
    kept.push(message)
  }
  return { kept, later, edited }
}

/** What was left out, in the words the notes use; empty when nothing was. */
export function asOfRequestNotes(result: Pick<AsOfRequest<unknown>, 'later' | 'edited'>): string[] {
  return [
    ...(result.later ? [`${counted(result.later, 'message')} written after the request`] : []),
    ...(result.edited ? [`the text of ${counted(result.edited, 'message')} edited after the request`] : [])
  ]
}
