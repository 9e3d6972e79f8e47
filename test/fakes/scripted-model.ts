// A LanguageModel that answers from a script, in order, and records every request. Structured answers
// are checked against the request's schema, as the real adapter does.
import type {
  LanguageModel,
  ModelReply,
  ObjectRequest,
  TextRequest,
  ToolReply,
  ToolRequest
} from '../../src/llm/types.ts'

/** One scripted answer: a value, or a function of the request that returns one (to answer from what was asked). */
export type Answer = unknown

export class ScriptedModel implements LanguageModel {
  readonly id = 'openai:scripted'
  readonly provider = 'openai'
  /** Off unless a test turns it on: commands then read their fixed context, as with a model without tools. */
  toolsSupported = false
  readonly requests: TextRequest[] = []
  /** The tools offered with each request made through generateWithTools, by name. */
  readonly toolsOffered: string[][] = []
  private readonly script: Answer[]

  constructor(...script: Answer[]) {
    this.script = script
  }

  /** The purposes asked so far, in order ("plan", "write a.py", ...). */
  get purposes(): string[] {
    return this.requests.map((r) => r.purpose)
  }

  /** Answers not yet asked for. */
  get left(): number {
    return this.script.length
  }

  /** The text of the last message of the n-th request. */
  lastMessage(n: number): string {
    const content = this.requests[n]?.messages.at(-1)?.content
    return typeof content === 'string' ? content : JSON.stringify(content)
  }

  private next(request: TextRequest): unknown {
    this.requests.push(request)
    if (!this.script.length) throw new Error(`the script has no answer for "${request.purpose}"`)
    const answer = this.script.shift()
    return typeof answer === 'function' ? (answer as (r: TextRequest) => unknown)(request) : answer
  }

  private reply(text: string): ModelReply {
    return {
      text,
      servedModel: 'scripted',
      provider: this.provider,
      usage: { inputTokens: 1, outputTokens: 1 },
      finishReason: 'stop'
    }
  }

  async generateText(request: TextRequest): Promise<ModelReply> {
    return this.reply(String(this.next(request)))
  }

  /** The scripted answer is the conversation's final text; the tools themselves are not run here (see tool-loop tests). */
  async generateWithTools(request: ToolRequest): Promise<ToolReply> {
    this.toolsOffered.push(request.tools.map((t) => t.name))
    return { ...this.reply(String(this.next(request))), steps: 0, toolCalls: 0, cutShort: null, readings: '' }
  }

  async generateObject<T>(request: ObjectRequest<T>): Promise<ModelReply & { value: T }> {
    const value = request.schema.parse(this.next(request))
    return { ...this.reply(JSON.stringify(value)), value }
  }
}
