// What the repository's instruction files cost: the built action run on a repository with every kind of them, of
// ordinary sizes (about 5,000 characters together), against the same repository without them. The difference in the
// system prompt's estimated tokens is what they add: to a comment (the review sections left out), to a review (all
// that apply), and to a comment within GitHub Models' small budget, where they are trimmed to their share; and what
// a review memory of ten rules adds to a review's whole prompt besides them.
import { DIST } from '../test/fakes/action.ts'
import { runOnComment } from './comment-run.ts'
import { FakeGitHub } from '../test/fakes/github.ts'
import { FakeOpenAI } from '../test/fakes/openai.ts'
import { estimateTokens } from '../src/conversation/tokens.ts'

const paragraph = (topic: string, n: number): string =>
  Array.from(
    { length: n },
    (_, i) => `- ${topic} rule ${i + 1}: prefer vectorised pandas and numpy code, name units in variable names.`
  ).join('\n')

/** Every kind of instruction file, of the sizes repositories write them. */
export const INSTRUCTION_FILES: Record<string, string> = {
  '.github/git-bob.md': `You are an expert on this image analysis library.\n\n${paragraph('git-bob', 3)}`,
  'AGENTS.md': `# Conventions\n\n${paragraph('agents', 12)}\n\n## Code Review Rules\n\n${paragraph('review', 6)}\n`,
  'src/AGENTS.md': `# The package\n\n${paragraph('package', 4)}\n`,
  'CLAUDE.md': `# Working here\n\n${paragraph('claude', 10)}\n`,
  'GEMINI.md': `# Working here\n\n${paragraph('gemini', 6)}\n`,
  '.github/copilot-instructions.md': `${paragraph('copilot', 8)}\n`,
  '.github/instructions/python.instructions.md': `---\napplyTo: "**/*.py"\n---\n${paragraph('python', 4)}\n`,
  '.github/instructions/docs.instructions.md': `---\napplyTo: "docs/**"\n---\n${paragraph('docs', 4)}\n`
}

/** GitHub Models' budget (conversation/budget.ts). */
export const SMALL_BUDGET = 6500

export interface InstructionCost {
  /** How many files, and their characters together. */
  files: number
  chars: number
  /** System prompt tokens the files add to a comment, to a review, and to a comment within 6,500 tokens. */
  comment: number
  review: number
  small: number
  /** The job summary's instructions row of the small-budget run. */
  smallNamed: string
  /** Prompt tokens a review memory of ten rules adds to a review (with the instruction files). */
  memory: number
}

/** A review memory of ten rules, as `remember` writes them (review-memory.ts). */
const MEMORY = [
  "# git-bob's review memory",
  '',
  ...Array.from(
    { length: 10 },
    (_, i) =>
      `- We keep unused imports in examples/ part ${i + 1}; they show the API. — asked by @alice in https://github.com/o/r/pull/${i + 1}#issuecomment-${i + 1}`
  ),
  ''
].join('\n')

async function systemTokens(
  files: boolean,
  review: boolean,
  budget: string | null,
  memory = false
): Promise<{ tokens: number; all: number; named: string }> {
  const github = await new FakeGitHub().start()
  const model = await new FakeOpenAI().start()
  try {
    const head = 'b'.repeat(40)
    if (files) for (const [path, text] of Object.entries(INSTRUCTION_FILES)) github.files.set(path, text)
    if (memory) github.files.set('.github/git-bob/review-memory.md', MEMORY)
    github.files.set('src/load.py', 'def load(path):\n    return open(path).read()\n')
    const patch =
      '@@ -1,2 +1,2 @@\n def load(path):\n-    return open(path).read()\n+    return open(path, encoding="utf-8").read()'
    if (review) {
      github.addPull(1, {
        files: [{ filename: 'src/load.py', status: 'modified', additions: 1, deletions: 1, patch }],
        headSha: head
      })
      model.fallback = () => JSON.stringify({ fulfils: 'Yes.', risks: [], missing: [], comments: [] })
    }
    const run = await runOnComment(
      github,
      model.url,
      {
        body: review ? 'git-bob review' : 'How should src/load.py read files?\n\ngit-bob comment',
        pullRequest: review
      },
      { entry: DIST, inputs: { 'max-steps': '0', ...(budget ? { 'prompt-token-budget': budget } : {}) } }
    )
    const system = model.requests[0]?.body.messages[0]?.content
    if (run.code !== 0 || typeof system !== 'string') throw new Error(`the run failed: ${run.stdout}\n${run.stderr}`)
    const named = /\| instructions \| ([^|]*) \|/.exec(run.summary)?.[1]?.trim() ?? '?'
    const all = model.requests[0]!.body.messages.reduce((sum, m) => sum + estimateTokens(String(m.content)), 0)
    return { tokens: estimateTokens(system), all, named }
  } finally {
    await github.close()
    await model.close()
  }
}

export async function measureInstructions(): Promise<InstructionCost> {
  // Without the files, a comment's system prompt is the same whatever the budget.
  const bare = { comment: await systemTokens(false, false, null), review: await systemTokens(false, true, null) }
  const added = async (review: boolean, budget: string | null): Promise<{ tokens: number; named: string }> => {
    const withFiles = await systemTokens(true, review, budget)
    return { tokens: withFiles.tokens - bare[review ? 'review' : 'comment'].tokens, named: withFiles.named }
  }
  const comment = await added(false, null)
  const review = await added(true, null)
  const small = await added(false, String(SMALL_BUDGET))
  const withMemory = await systemTokens(true, true, null, true)
  const withoutMemory = await systemTokens(true, true, null)
  return {
    files: Object.keys(INSTRUCTION_FILES).length,
    chars: Object.values(INSTRUCTION_FILES).reduce((sum, text) => sum + text.length, 0),
    comment: comment.tokens,
    review: review.tokens,
    small: small.tokens,
    smallNamed: small.named,
    memory: withMemory.all - withoutMemory.all
  }
}
