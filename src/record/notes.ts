// What was left out or changed on the way, kept once for the whole run and read by two audiences:
// the model is told what it cannot see (in its prompt), people are told how the answer came about
// (under the answer and in the job summary). Every stage adds to the same Notes.

/** What the model is told was left out, by the part of the prompt it belongs to. */
export interface LeftOut {
  /** Under the conversation ("## Left out"). */
  conversation: readonly string[]
  /** Under the repository's files ("## Files left out"). */
  files: readonly string[]
}

export type PromptPart = keyof LeftOut

export class Notes {
  private readonly model: { conversation: string[]; files: string[] } = { conversation: [], files: [] }
  private readonly people: string[] = []

  /** Something left out of what the model reads; its prompt says so. */
  leftOut(part: PromptPart, text: string): void {
    if (!this.model[part].includes(text)) this.model[part].push(text)
  }

  /** Something people should know about how the answer came about (a fallback model, images left out). */
  tell(text: string): void {
    if (!this.people.includes(text)) this.people.push(text)
  }

  /** A part read again (the files after the target branch is checked out): what was left out before is void. */
  startOver(part: PromptPart): void {
    this.model[part].length = 0
  }

  get forModel(): LeftOut {
    return { conversation: [...this.model.conversation], files: [...this.model.files] }
  }

  get forPeople(): readonly string[] {
    return [...this.people]
  }
}
