// The stage both the flow and the e2e layer run the action on: the four stand-ins started before each test and
// closed after it, the model inputs pointed at the OpenAI-wire stand-in, and the triggering comment seeded in the
// fake thread. Each layer brings its own way to run the action (runStep() in process, or dist/index.js).
import { afterEach, beforeEach } from 'vitest'
import { FakeAnthropic } from './anthropic.ts'
import { FakeGemini } from './gemini.ts'
import { FakeGitHub } from './github.ts'
import { FakeOpenAI } from './openai.ts'
import { issueCommentPayload, type CommentScenario, type Payload } from './payloads.ts'

export const OPENAI_KEY = 'sk-proj-testkey1234567890abcdefghijklmnop'

/** What every run takes: the event, and inputs over the stage's defaults. */
interface RunOptions {
  eventName: string
  payload: unknown
  inputs?: Record<string, string>
}

export interface Stage<Options extends RunOptions, Run> {
  github: FakeGitHub
  /** The OpenAI-wire stand-in (also for GitHub Models and the OpenAI-compatible presets). */
  model: FakeOpenAI
  anthropic: FakeAnthropic
  gemini: FakeGemini
  /** Runs the action with the stand-ins wired in (model: openai via base-url). */
  run(options: Options): Promise<Run>
  /** Seeds the triggering comment in the fake thread and runs an issue_comment event. */
  comment(
    scenario: CommentScenario,
    options?: Partial<Omit<Options, 'payload' | 'eventName'>>
  ): Promise<Run & { payload: Payload }>
}

export function useStage<Options extends RunOptions, Run>(
  launch: (options: Options & { githubUrl: string; inputs: Record<string, string> }) => Promise<Run>
): Stage<Options, Run> {
  const stage = {} as Stage<Options, Run>
  beforeEach(async () => {
    ;[stage.github, stage.model, stage.anthropic, stage.gemini] = await Promise.all([
      new FakeGitHub().start(),
      new FakeOpenAI().start(),
      new FakeAnthropic().start(),
      new FakeGemini().start()
    ])
    stage.run = (options) =>
      launch({
        ...options,
        githubUrl: stage.github.url,
        inputs: {
          model: 'openai:gpt-4.1',
          'openai-api-key': OPENAI_KEY,
          'base-url': stage.model.url,
          'model-timeout-seconds': '5',
          // The fixed context, as before tools: tests of the tool path set max-steps themselves.
          'max-steps': '0',
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
      const result = await stage.run({ eventName: 'issue_comment', payload, ...options } as Options)
      return { ...result, payload }
    }
  })
  afterEach(async () => {
    await Promise.all([stage.github.close(), stage.model.close(), stage.anthropic.close(), stage.gemini.close()])
  })
  return stage
}

/** The ::error annotations a run printed. */
export function annotations(run: { stdout: string }): string[] {
  return run.stdout.split('\n').filter((l) => l.startsWith('::error'))
}
