// Asking a model until code accepts its answer: JSON that matches the schema (structured-output.ts), a file that
// parses, edits that apply, a notebook that runs (commands/implement). A rejected answer goes back with
// the problem, a bounded number of times.
import type { LanguageModel, ModelReply, ObjectRequest } from './types.ts'

/** What code says of an answer: accepted (with what it made of it) or the problem to send back. */
export type Validation<R> = { ok: true; value: R } | { ok: false; problem: string }

/** Accepted after `rounds` extra rounds, or still rejected after all of them. */
export type Settled<R> = { ok: true; value: R; rounds: number } | { ok: false; problem: string; rounds: number }

/**
 * Checks `first`; while the check rejects it and rounds are left, asks for a new answer with the
 * problem and checks that one. The check may do work (write the file, run the notebook).
 */
export async function untilValid<A, R>(
  first: A,
  check: (answer: A) => Promise<Validation<R>> | Validation<R>,
  askAgain: (problem: string, last: A) => Promise<A>,
  rounds: number
): Promise<Settled<R>> {
  let answer = first
  for (let round = 0; ; round++) {
    const verdict = await check(answer)
    if (verdict.ok) return { ok: true, value: verdict.value, rounds: round }
    if (round >= rounds) return { ok: false, problem: verdict.problem, rounds: round }
    answer = await askAgain(verdict.problem, answer)
  }
}

type Reply<T> = ModelReply & { value: T }

/**
 * One conversation with the model: the request, then (for each rejected answer) that answer and
 * `feedback(problem)` appended, under the purpose "<purpose> (again)".
 */
export async function askUntilValid<T, R>(
  model: LanguageModel,
  request: ObjectRequest<T>,
  check: (value: T) => Promise<Validation<R>> | Validation<R>,
  options: { rounds: number; feedback: (problem: string) => string }
): Promise<Settled<R> & { reply: Reply<T> }> {
  let asked = request
  let reply = await model.generateObject(asked)
  const settled = await untilValid(
    reply,
    (answer) => check(answer.value),
    async (problem, last) => {
      asked = {
        ...request,
        purpose: `${request.purpose} (again)`,
        messages: [
          ...asked.messages,
          { role: 'assistant', content: last.text },
          { role: 'user', content: options.feedback(problem) }
        ]
      }
      reply = await model.generateObject(asked)
      return reply
    },
    options.rounds
  )
  return { ...settled, reply }
}
