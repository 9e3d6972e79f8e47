// A ConversationContext for commands run in-process: an issue thread, a scripted model, and (for
// implement) ChangePorts over an in-memory workspace. Every part can be replaced.
import type { ChangePorts, ConversationContext } from '../../src/commands/types.ts'
import type { LanguageModel } from '../../src/llm/types.ts'
import { Notes } from '../../src/record/notes.ts'
import type { TriggerEvent } from '../../src/trigger/event.ts'
import { MemoryWorkspace } from './memory-workspace.ts'
import { triggerEvent } from './trigger-event.ts'

export const EVENT: TriggerEvent = triggerEvent({
  repo: { owner: 'owner' },
  target: {
    title: 'Add a plot',
    body: 'Please add a plot of the counts.',
    author: { login: 'alice', id: 1, isBot: false },
    association: 'OWNER'
  },
  request: { body: 'git-bob implement', createdAt: '2025-01-02T00:00:00Z' }
})

export const LIMITS: ChangePorts['limits'] = {
  maxFiles: 10,
  maxFileBytes: 100_000,
  notebookRepairRounds: 2,
  notebookCellTimeoutSeconds: 60,
  notebookTimeoutMs: 600_000,
  checkRepairRounds: 2
}

/** ChangePorts over `workspace`: the change goes to a new pull request for issue 7 unless `prepare` says otherwise. */
export function changePorts(workspace: MemoryWorkspace, overrides: Partial<ChangePorts> = {}): ChangePorts {
  return {
    workspace,
    isolation: () => null,
    prepare: async () => ({
      ok: true,
      target: { mode: 'new-pr', branch: 'git-bob/issue-7', base: 'main', issue: 7 }
    }),
    download: async (url) => {
      throw new Error(`unexpected download of ${url}`)
    },
    redact: (text) => text.replaceAll('sk-secret-123', '***'),
    paths: {
      allowProtected: false,
      instructionsFile: '.github/git-bob.md',
      holdsSecret: (path) => path.includes('sk-secret-123')
    },
    repoContext: async () => ({ paths: [...workspace.files.keys()], files: [] }),
    notebooks: null,
    checks: null,
    checkSettings: { command: null, setup: null },
    progress: { show: async () => {} },
    limits: LIMITS,
    ...overrides
  }
}

export function conversationContext(
  model: LanguageModel,
  changes: ChangePorts | null,
  overrides: Partial<ConversationContext> = {}
): ConversationContext {
  return {
    event: EVENT,
    command: { kind: 'known', verb: 'implement', word: 'implement', args: '' },
    botName: 'git-bob',
    modelId: model.id,
    allowedModels: [],
    imageModel: '',
    deployWorkflow: '',
    commands: [],
    thread: {
      repo: 'owner/repo',
      kind: 'issue',
      number: 7,
      title: EVENT.target.title,
      url: EVENT.target.url,
      entries: [
        {
          kind: 'description',
          author: 'alice',
          standing: 'requester',
          createdAt: EVENT.target.createdAt,
          body: EVENT.target.body,
          isRequest: false
        },
        {
          kind: 'comment',
          author: 'alice',
          standing: 'requester',
          createdAt: EVENT.request.createdAt,
          body: EVENT.request.body,
          isRequest: true
        }
      ]
    },
    repo: { paths: [], files: [] },
    notes: new Notes(),
    instructions: [],
    maintainers: [],
    model,
    changes,
    pull: null,
    reviewTokenBudget: 50_000,
    promptTokenBudget: 100_000,
    tools: [],
    toolLimits: { maxSteps: 20, maxCallsPerStep: 20, maxCostUsd: 1 },
    ...overrides
  }
}
