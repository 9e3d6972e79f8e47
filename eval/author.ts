// The simulated issue author: a second model plays the person who opened the issue (after Mozannar, Chen et al.,
// "Simulating Iterative Human-AI Interaction in Programming with LLMs"). It is told its brief and the thread as it
// reads on GitHub, and answers with the next comment, whether it is done, and whether it is satisfied. Without keys
// the scripted author below answers instead, over the same wire, so the harness's path is the same.
import { z } from 'zod'
import type { LanguageModel } from '../src/llm/types.ts'
import type { Task } from './task.ts'

export const AuthorReplySchema = z.object({
  comment: z.string(),
  done: z.boolean(),
  satisfied: z.boolean()
})
export type AuthorReply = z.infer<typeof AuthorReplySchema>

/** What the author sees after git-bob's run: the thread, and what git-bob opened. */
export interface AuthorView {
  task: Task
  /** The turn just played (1-based) and the last one there may be. */
  turn: number
  maxTurns: number
  /** The thread as it reads on GitHub (report.ts renders it). */
  thread: string
  /** The pull requests git-bob opened, with the diff of each (capped). */
  pullRequests: { title: string; head: string; diff: string }[]
  /** Sub-issues git-bob opened. */
  issues: number
  /** Whether git-bob posted a review on the pull request. */
  reviewed: boolean
  /** Whether git-bob answered the last request at all. */
  answered: boolean
}

export function authorSystemPrompt(task: Task): string {
  const { author } = task
  return [
    `You play a person on GitHub: @${task.issue.author}, who opened the issue "${task.issue.title}". Stay in role; never say you are simulated.`,
    '',
    `Who you are: ${author.persona}`,
    `How you write: ${author.vagueness}`,
    `What you accept as done: ${author.accepts}`,
    'What you know, and reveal only when someone asks about it (one fact at a time, in your own words):',
    ...(author.knows.length ? author.knows.map((k) => `- ${k}`) : ['- nothing beyond the issue']),
    '',
    'git-bob is an AI assistant in the repository. It acts only on a comment that starts with "git-bob" followed by',
    'a command, e.g. "git-bob think about this" (it answers in the thread), "git-bob implement this" (it opens a pull',
    'request with the change), "git-bob split this" (sub-issues), "git-bob review" (on a pull request).',
    '',
    'Each time, write your next comment as this person would:',
    '- answer what git-bob asked, from what you know; correct it when it misunderstood; stay as vague as your brief says',
    '  until asked;',
    '- when the discussion has reached what you accept, ask for it: "git-bob implement this" (or split, or review, as',
    '  your issue needs), with anything it should keep in mind;',
    '- once git-bob did what you asked (a pull request, a review, sub-issues, or a good answer to a question), judge it',
    '  against what you accept: done true, satisfied true or false;',
    '- if it is not what you accept and turns remain, ask for changes (start with "git-bob"); done false.',
    'Answer with JSON only: {"comment": the comment\'s markdown (empty when done), "done": true|false, "satisfied": true|false}.'
  ].join('\n')
}

export function authorUserPrompt(view: AuthorView): string {
  const pulls = view.pullRequests.map(
    (p) => `### Pull request by git-bob: ${p.title} (branch ${p.head})\n\n\`\`\`diff\n${p.diff}\n\`\`\``
  )
  return [
    `This is turn ${view.turn} of at most ${view.maxTurns}.${view.turn >= view.maxTurns ? ' It is the last: decide whether you are satisfied.' : ''}`,
    '',
    '## The thread so far',
    '',
    view.thread,
    ...(pulls.length ? ['', ...pulls] : []),
    ...(view.issues ? ['', `git-bob opened ${view.issues} sub-issue(s), shown in the thread.`] : []),
    '',
    'Your next comment, as JSON.'
  ].join('\n')
}

/** Asks the author model for its next comment (git-bob's own adapter: every provider git-bob supports). */
export async function askAuthor(model: LanguageModel, view: AuthorView): Promise<AuthorReply> {
  const reply = await model.generateObject({
    purpose: 'author',
    schemaName: 'author_reply',
    schema: AuthorReplySchema,
    messages: [
      { role: 'system', content: authorSystemPrompt(view.task) },
      { role: 'user', content: authorUserPrompt(view) }
    ]
  })
  return reply.value
}

/** The first comment of a thread: what the author asks git-bob first. */
export function opener(task: Task): string {
  if (task.kind === 'review') return 'git-bob review'
  if (task.check.kind === 'split') return 'git-bob split this'
  return 'git-bob think about this'
}

/** What the task's check needs git-bob to have done: a change (pull request), or not. */
function wantsChange(task: Task): boolean {
  const kinds = (c: Task['check']): string[] => (c.kind === 'all' ? c.checks.flatMap(kinds) : [c.kind])
  return kinds(task.check).some((k) => k === 'command' || k === 'file')
}

/**
 * The scripted author (no keys): after each exchange it reveals the next fact it knows, one per turn; once it has
 * told everything it asks for implement when the task needs a change; it is satisfied as soon as git-bob did what
 * the task asks (a pull request, a review, sub-issues, an answer). A task with more facts than turns ends by the
 * turn limit, as a person who keeps adding details would.
 */
export function scriptedAuthor(view: AuthorView): AuthorReply {
  const { task } = view
  const done = { comment: '', done: true, satisfied: true }
  if (view.pullRequests.length) return done
  if (task.kind === 'review' && view.reviewed) return done
  if (task.check.kind === 'split' && view.issues) return done
  const fact = task.author.knows[view.turn - 1]
  if (fact !== undefined) return { comment: `${fact}\n\ngit-bob think about this again`, done: false, satisfied: false }
  if (wantsChange(task)) return { comment: 'git-bob implement this', done: false, satisfied: false }
  return view.answered ? done : { comment: 'git-bob think about this again', done: false, satisfied: false }
}
