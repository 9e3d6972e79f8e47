// What a model can take, where the providers differ: which image types it reads, and the longest
// answer it may be asked for. Patterns on model names, because no provider API says so up front;
// an unknown model gets the cautious answer (no images, no cap).
import type { ModelSpec } from './providers.ts'

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp'

const ALL: readonly ImageType[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp']
// Gemini reads PNG, JPEG and WebP (and HEIC), not GIF.
const GEMINI: readonly ImageType[] = ['image/png', 'image/jpeg', 'image/webp']
const NONE: readonly ImageType[] = []

const OPENAI_VISION = /^(?:chatgpt-4o|gpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo|gpt-5|o1(?!-mini)|o3(?!-mini)|o4)/i
// Open-weight vision models as Ollama, GitHub Models or compatible servers name them.
const OPEN_VISION =
  /llava|vision|pixtral|multimodal|moondream|minicpm-v|gemma-?3|qwen[\d.]*-?vl|llama-?4|mistral-(?:medium|small)|mistral-small3/i

export function imageTypes(spec: ModelSpec): readonly ImageType[] {
  const model = spec.model
  switch (spec.provider.name) {
    case 'anthropic':
      return /^claude-(?:2|instant)/i.test(model) ? NONE : ALL
    case 'google':
      return /^(?:models\/)?(?:gemini|gemma-3|learnlm)/i.test(model) ? GEMINI : NONE
    case 'openai':
      return OPENAI_VISION.test(model) ? ALL : NONE
    case 'github_models': {
      const name = model.slice(model.indexOf('/') + 1)
      return OPENAI_VISION.test(name) || OPEN_VISION.test(name) ? ALL : NONE
    }
    case 'deepseek':
      return NONE
    default:
      return OPEN_VISION.test(model) ? ['image/png', 'image/jpeg', 'image/webp'] : NONE
  }
}

/** Output limits of models whose API rejects a larger max_tokens than they can give. */
const OUTPUT_CAPS: readonly [provider: string, pattern: RegExp, tokens: number][] = [
  ['anthropic', /^claude-3-(?:haiku|opus|sonnet)/i, 4096],
  ['anthropic', /^claude-3-5-/i, 8192],
  ['anthropic', /^claude-opus-4(?:-0|-1|-2025)/i, 32_000],
  ['anthropic', /^claude-/i, 64_000],
  ['google', /^(?:models\/)?gemini-(?:1\.|2\.0)/i, 8192],
  ['google', /^(?:models\/)?gemini-/i, 65_536],
  ['openai', /^(?:gpt-3\.5|gpt-4-turbo|gpt-4-\d|gpt-4$)/i, 4096],
  ['openai', /^(?:gpt-4o|chatgpt-4o)/i, 16_384],
  ['openai', /^gpt-4\.1/i, 32_768],
  // GitHub Models' free and Copilot tiers give at most 4,000 output tokens per request; longer answers
  // are continued (llm/continuation.ts), so the default setup works without a paid plan.
  ['github_models', /./, 4000],
  ['deepseek', /^deepseek-chat/i, 8192],
  ['deepseek', /^deepseek-reasoner/i, 65_536]
]

/** The most output tokens the model accepts in one call, where known. */
export function outputTokenCap(spec: ModelSpec): number | undefined {
  return OUTPUT_CAPS.find(([provider, pattern]) => provider === spec.provider.name && pattern.test(spec.model))?.[2]
}

// Models that call tools (function calling), as each provider names them. OpenAI's chat models since
// gpt-3.5-turbo do, except the first reasoning previews; open-weight models as Ollama, GitHub Models or
// compatible servers name them, where their chat templates carry tools.
const OPENAI_TOOLS = /^(?:chatgpt-4o|gpt-3\.5-turbo|gpt-4|gpt-5|o1(?!-mini|-preview)|o3|o4)/i
const OPEN_TOOLS =
  /llama-?3\.[1-3]|llama-?4|qwen-?[23]|qwq|mistral|mixtral|ministral|codestral|command-r|command-a|phi-?4|deepseek-(?:v3|chat|r1)|gpt-oss|granite|firefunction|hermes/i

/** Whether the model can call tools; an unknown model cannot (commands then read their fixed context). */
export function supportsTools(spec: ModelSpec): boolean {
  const model = spec.model
  switch (spec.provider.name) {
    case 'anthropic':
      return !/^claude-(?:2|instant)/i.test(model)
    case 'google':
      return /^(?:models\/)?gemini-(?!1\.0-pro-vision|pro-vision)/i.test(model)
    case 'openai':
      return OPENAI_TOOLS.test(model)
    case 'github_models': {
      const name = model.slice(model.indexOf('/') + 1)
      return OPENAI_TOOLS.test(name) || OPEN_TOOLS.test(name)
    }
    case 'deepseek':
      return /^deepseek-chat/i.test(model)
    case 'mistral':
      return true
    default:
      return OPEN_TOOLS.test(model)
  }
}
