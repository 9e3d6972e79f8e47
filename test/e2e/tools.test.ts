// The model reads with tools through the built action, for the providers whose SDK is a chunk of its own in dist/,
// loaded only for their models: these are the smoke tests of the Anthropic and Google SDKs inside the bundle (the
// scenario: test/fakes/reading-with-tools.ts; OpenAI's, whose SDK every run loads, is in
// test/flow/tool-limits.test.ts). test/flow/providers.test.ts holds the rest of what each provider does.
import { describe, it } from 'vitest'
import { expectReadsWithTools, TOOL_PROVIDERS } from '../fakes/reading-with-tools.ts'
import { useStage } from './scenario.ts'

const stage = useStage()

describe('the built action reads with tools', () => {
  it.each(TOOL_PROVIDERS.filter((p) => p.name !== 'openai'))(
    '$name: the tool results reach the next call; answer, stamp and transcript are right',
    (p) => expectReadsWithTools(stage, p)
  )
})
