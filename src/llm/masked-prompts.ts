// A LanguageModel whose prompts pass a mask first: a secret git-bob holds never reaches a provider, whatever
// the thread, a file or an earlier answer put into the prompt (in any encoding the mask knows). Tool results
// that arise inside a tool loop are masked by the tools themselves.
import type { ContentPart, LanguageModel, Message, TextRequest } from './types.ts'

export function withMaskedPrompts(model: LanguageModel, mask: (text: string) => string): LanguageModel {
  const part = (p: ContentPart): ContentPart => (p.type === 'text' ? { ...p, text: mask(p.text) } : p)
  const message = (m: Message): Message =>
    m.role === 'tool'
      ? { ...m, content: mask(m.content) }
      : { ...m, content: typeof m.content === 'string' ? mask(m.content) : m.content.map(part) }
  const masked = <R extends TextRequest>(request: R): R => ({ ...request, messages: request.messages.map(message) })
  return {
    id: model.id,
    provider: model.provider,
    get toolsSupported() {
      return model.toolsSupported
    },
    generateText: (request) => model.generateText(masked(request)),
    generateObject: (request) => model.generateObject(masked(request)),
    generateWithTools: (request) => model.generateWithTools(masked(request))
  }
}
