// git-bob's model when no key is given: a scripted stand-in that answers from the task's own files, plausibly but
// without insight (it quotes the files a request names, plans to touch the first Python file the thread names, and
// writes files back nearly unchanged). It checks the harness, not a model: the results say "harness check, not a
// score". Structured answers it has no task-specific form for come from the demo's stand-in (demo/stand-in.ts).
import { standInAnswer } from '../demo/stand-in.ts'
import { userText } from '../demo/stand-in-files.ts'
import { lastMessageText, type ChatRequest, type Step } from '../test/fakes/openai.ts'
import type { Task } from './task.ts'

const QUOTED_LINES = 20

/** The task's repository files a prompt names, in the repository's order. */
function namedIn(task: Task, prompt: string): string[] {
  return Object.keys(task.repo).filter((path) => prompt.includes(path) && task.repo[path]!.length > 0)
}

function text(task: Task, prompt: string): string {
  const named = namedIn(task, prompt)
  if (!named.length)
    return `I read the thread. Which file of the repository is this about? The repository has ${Object.keys(task.repo)
      .map((p) => `\`${p}\``)
      .join(', ')}.`
  return [
    `I read the thread and ${named.map((p) => `\`${p}\``).join(', ')}.`,
    ...named
      .slice(0, 2)
      .flatMap((path) => [
        '',
        `\`${path}\` begins:`,
        '',
        '```',
        task.repo[path]!.toString('utf8').split('\n').slice(0, QUOTED_LINES).join('\n').trimEnd(),
        '```'
      ]),
    '',
    'Say "git-bob implement this" when the change above is what you want.'
  ].join('\n')
}

function plan(task: Task, prompt: string): unknown {
  const python =
    namedIn(task, prompt).find((p) => p.endsWith('.py')) ?? Object.keys(task.repo).find((p) => p.endsWith('.py'))
  const path = python ?? 'NOTES.md'
  return {
    title: `Change ${path} as discussed`,
    summary: `Changes \`${path}\` as the thread asks.`,
    actions: [{ action: python ? 'modify' : 'create', path, source: null, reason: 'what the thread asks for' }]
  }
}

function fileContent(task: Task, prompt: string): unknown {
  const path = /(?:Write the complete content of|Change the existing file) `([^`]+)`/.exec(prompt)?.[1] ?? ''
  const before = task.repo[path]?.toString('utf8')
  if (before === undefined)
    return { content: `# Notes\n\nWhat the thread of "${task.issue.title}" decided.\n`, note: 'notes' }
  const comment = path.endsWith('.py') ? '# Looked at by the eval stand-in.' : '<!-- looked at by the eval stand-in -->'
  return { content: `${before.trimEnd()}\n${comment}\n`, note: 'a comment added; the stand-in fixes nothing' }
}

/** The stand-in's answer to one request git-bob makes, for a task. */
export function taskStandIn(task: Task): (request: ChatRequest) => string | Step {
  return (request) => {
    const schema = request.response_format?.json_schema?.name
    const prompt = userText(request.messages)
    if (schema === 'change_plan') return JSON.stringify(plan(task, prompt))
    if (schema === 'file_content') return JSON.stringify(fileContent(task, lastMessageText(request)))
    // A failing check: the stand-in cannot tell why, and changes nothing (so the thread goes on the same each time).
    if (schema === 'check_repair')
      return JSON.stringify({ diagnosis: 'The stand-in cannot tell why the check fails.', changes: [] })
    if (schema || request.tools?.length) return standInAnswer(request)
    return text(task, prompt)
  }
}
