// Every command git-bob knows. Adding a command is one entry here: what help and the grammar need is
// written here, and the command's module is imported only when a run carries it out, so a run loads the
// code (and the libraries, e.g. yaml for implement) of its own command and no other.
import { helpCommand } from './help.ts'
import type { CommandSpec } from './types.ts'

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'comment',
    aliases: ['respond', 'answer', 'think', 'explain', 'summarise', 'summarize'],
    summary: 'reads the whole conversation and answers in a comment; when unsure, says so and asks the maintainers',
    example: 'think about this',
    needs: 'conversation',
    run: async (ctx) => (await import('./comment.ts')).answerInComment(ctx)
  },
  {
    name: 'implement',
    aliases: ['apply', 'solve'],
    summary:
      'writes the code, notebooks or text the discussion asks for and opens a pull request (on a pull request: commits to its branch)',
    example: 'implement this',
    needs: 'conversation',
    run: async (ctx) => (await import('./implement/implement.ts')).implement(ctx, 'pull-request')
  },
  {
    name: 'try',
    summary: 'does the same work on a new branch and links it, without opening a pull request',
    example: 'try',
    needs: 'conversation',
    run: async (ctx) => (await import('./implement/implement.ts')).implement(ctx, 'try')
  },
  {
    name: 'paint',
    aliases: ['draw'],
    summary:
      "paints the picture the discussion asks for with the provider's image model (`image-model`) and opens a pull request with the PNG",
    example: 'paint a comic of a cell dividing',
    needs: 'conversation',
    run: async (ctx) => (await import('./paint.ts')).paint(ctx)
  },
  {
    name: 'review',
    summary:
      'on a pull request: a review with line comments and suggestions that only comments (never approves); a later review covers the new commits, `review fully` everything',
    example: 'review',
    needs: 'conversation',
    run: async (ctx) => (await import('./review/review.ts')).review(ctx)
  },
  {
    name: 'remember',
    summary:
      "opens a pull request that adds a rule to the review memory (`.github/git-bob/review-memory.md`); once merged, reviews do not raise what it excludes. In reply to one of git-bob's review comments, `remember this` phrases the rule from that finding",
    example: 'remember: we keep unused imports in examples/',
    needs: 'conversation',
    run: async (ctx) => (await import('./remember.ts')).remember(ctx)
  },
  {
    name: 'split',
    summary: 'turns an issue into sub-issues (stamped, linked to it, starting nothing by themselves) and lists them',
    example: 'split this',
    needs: 'conversation',
    run: async (ctx) => (await import('./split.ts')).splitIssue(ctx)
  },
  {
    name: 'triage',
    summary:
      "answers a new issue, or labels it with the repository's own labels (never a new label, never closed); the schedule triages new issues by itself",
    example: 'triage',
    needs: 'conversation',
    run: async (ctx) => (await import('./triage.ts')).triage(ctx)
  },
  {
    name: 'deploy',
    summary:
      "starts the repository's release workflow (the `deploy-workflow` input) on the default branch and reports how its run ended; admins only",
    example: 'deploy',
    needs: 'actions',
    run: async (ctx) => (await import('./deploy/deploy.ts')).deploy(ctx)
  },
  {
    name: 'go',
    summary:
      'runs the request git-bob estimated above `confirm-above-usd` and is waiting for; from a person with write access',
    example: 'go',
    needs: 'nothing',
    // run.ts turns "go" into the request it confirms; this answers only when nothing is waiting.
    run: (ctx) => ({
      kind: 'reply',
      body: `I'm not waiting for anything here: "${ctx.botName} go" starts a request whose estimate I posted, when it is my latest message on this thread.`
    })
  },
  helpCommand
]

export function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name)
}
