// Shared set-up for end-to-end tests: both stand-ins started, a thread seeded, the built action run.
import { afterEach, beforeEach } from 'vitest'
import { runAction, type ActionOptions, type ActionRun } from '../fakes/action.ts'
import { FakeAnthropic } from '../fakes/anthropic.ts'
import { FakeGemini } from '../fakes/gemini.ts'
import { FakeGitHub } from '../fakes/github.ts'
import { FakeOpenAI } from '../fakes/openai.ts'
import { issueCommentPayload, type CommentScenario, type Payload } from '../fakes/payloads.ts'

export interface Stage {
  github: FakeGitHub
  /** The OpenAI-wire stand-in (also for GitHub Models and the OpenAI-compatible presets). */
  model: FakeOpenAI
  anthropic: FakeAnthropic
  gemini: FakeGemini
  /** Runs the action with the stand-ins wired in (model: openai via base-url, fast retries). */
  run(options: Omit<ActionOptions, 'githubUrl'>): Promise<ActionRun>
  /** Seeds the triggering comment in the fake thread and runs an issue_comment event. */
  comment(
    scenario: CommentScenario,
    options?: Partial<Omit<ActionOptions, 'githubUrl' | 'payload' | 'eventName'>>
  ): Promise<ActionRun & { payload: Payload }>
}

export const OPENAI_KEY = 'sk-proj-testkey1234567890abcdefghijklmnop'

export function useStage(): Stage {
  const stage = {} as Stage
  beforeEach(async () => {
    stage.github = await new FakeGitHub().start()
    ;[stage.model, stage.anthropic, stage.gemini] = await Promise.all([
      new FakeOpenAI().start(),
      new FakeAnthropic().start(),
      new FakeGemini().start()
    ])
    stage.run = (options) =>
      runAction({
        ...options,
        githubUrl: stage.github.url,
        inputs: {
          model: 'openai:gpt-4.1',
          'openai-api-key': OPENAI_KEY,
          'base-url': stage.model.url,
          'model-timeout-seconds': '5',
          ...options.inputs
        }
      })
    stage.comment = async (scenario, options = {}) => {
      const payload = issueCommentPayload(scenario)
      stage.github.addComment(payload.issue.number as number, {
        id: payload.comment.id as number,
        login: payload.comment.user.login as string,
        body: scenario.body,
        createdAt: payload.comment.created_at as string,
        association: payload.comment.author_association as never,
        userType: scenario.userType ?? 'User'
      })
      const result = await stage.run({ eventName: 'issue_comment', payload, ...options })
      return { ...result, payload }
    }
  })
  afterEach(async () => {
    await stage.github.close()
    await Promise.all([stage.model.close(), stage.anthropic.close(), stage.gemini.close()])
  })
  return stage
}

/** The ::error annotations a run printed. */
export function annotations(run: ActionRun): string[] {
  return run.stdout.split('\n').filter((l) => l.startsWith('::error'))
}
