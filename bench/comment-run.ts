// One run of the built action on a comment, as the bench measures it: the request seeded on the GitHub stand-in's
// thread as the webhook's comment, and the OpenAI stand-in at `modelUrl` as the model (other inputs on top).
import { runAction, type ActionOptions, type ActionRun } from '../test/fakes/action.ts'
import type { FakeGitHub } from '../test/fakes/github.ts'
import { issueCommentPayload } from '../test/fakes/payloads.ts'

export async function runOnComment(
  github: FakeGitHub,
  modelUrl: string,
  request: { body: string; pullRequest?: boolean },
  options: Omit<ActionOptions, 'eventName' | 'payload' | 'githubUrl'> = {}
): Promise<ActionRun> {
  const payload = issueCommentPayload(request)
  github.addComment(1, {
    id: payload.comment.id,
    login: 'Codertocat',
    association: 'OWNER',
    body: payload.comment.body,
    createdAt: payload.comment.created_at
  })
  return runAction({
    ...options,
    eventName: 'issue_comment',
    payload,
    githubUrl: github.url,
    inputs: {
      model: 'openai:gpt-4.1',
      'openai-api-key': 'sk-bench-key-000000000000000000',
      'base-url': modelUrl,
      ...options.inputs
    }
  })
}
