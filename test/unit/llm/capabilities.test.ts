import { describe, expect, it } from 'vitest'
import { imageTypes, outputTokenCap, supportsTools } from '../../../src/llm/capabilities.ts'
import { parseModelSpec } from '../../../src/llm/providers.ts'

describe('imageTypes', () => {
  it.each([
    'openai:gpt-4.1',
    'openai:gpt-4o-mini',
    'openai:gpt-5',
    'openai:o3',
    'anthropic:claude-sonnet-4-5',
    'anthropic:claude-3-5-haiku-latest',
    'github_models:openai/gpt-4.1',
    'github_models:meta/Llama-3.2-11B-Vision-Instruct',
    'mistral:pixtral-large-latest',
    'mistral:mistral-small-latest',
    'ollama:llava:13b',
    'ollama:gemma3:4b',
    'ollama:qwen2.5vl:7b'
  ])('%s reads PNG images', (id) => {
    expect(imageTypes(parseModelSpec(id))).toContain('image/png')
  })

  it('Gemini reads PNG, JPEG and WebP but not GIF', () => {
    expect(imageTypes(parseModelSpec('google:gemini-2.5-flash'))).toEqual(['image/png', 'image/jpeg', 'image/webp'])
  })

  it.each([
    'openai:gpt-3.5-turbo',
    'openai:o3-mini',
    'openai:o1-mini',
    'deepseek:deepseek-chat',
    'anthropic:claude-2.1',
    'ollama:llama3.2',
    'custom:my-model',
    'github_models:deepseek/DeepSeek-R1',
    'google:text-bison-001'
  ])('%s reads no images', (id) => {
    expect(imageTypes(parseModelSpec(id))).toEqual([])
  })
})

describe('outputTokenCap', () => {
  it.each<[string, number | undefined]>([
    ['deepseek:deepseek-chat', 8192],
    ['anthropic:claude-3-5-haiku-latest', 8192],
    ['anthropic:claude-3-haiku-20240307', 4096],
    ['anthropic:claude-opus-4-1', 32_000],
    ['anthropic:claude-sonnet-4-5', 64_000],
    ['google:gemini-2.0-flash', 8192],
    ['google:gemini-2.5-pro', 65_536],
    ['openai:gpt-4o', 16_384],
    ['openai:gpt-4.1', 32_768],
    ['openai:gpt-5', undefined],
    ['ollama:llama3.2', undefined]
  ])('%s -> %s', (id, cap) => {
    expect(outputTokenCap(parseModelSpec(id))).toBe(cap)
  })
})

describe('GitHub Models output cap', () => {
  it('asks GitHub Models for at most 4,000 output tokens, the free tier per-request limit', () => {
    expect(outputTokenCap(parseModelSpec('github_models:openai/gpt-4.1'))).toBe(4000)
  })
})

describe('supportsTools', () => {
  it.each([
    'openai:gpt-4.1',
    'openai:gpt-4o-mini',
    'openai:o3',
    'github_models:openai/gpt-4.1',
    'github_models:meta/Llama-3.3-70B-Instruct',
    'anthropic:claude-haiku-4-5',
    'google:gemini-2.5-flash',
    'deepseek:deepseek-chat',
    'mistral:mistral-small-latest',
    'ollama:qwen3:8b'
  ])('%s calls tools', (id) => {
    expect(supportsTools(parseModelSpec(id))).toBe(true)
  })

  it.each([
    'anthropic:claude-2.1',
    'openai:o1-mini',
    'deepseek:deepseek-reasoner',
    'ollama:phi3',
    'google:text-bison-001'
  ])('%s does not (commands read their fixed context)', (id) => {
    expect(supportsTools(parseModelSpec(id))).toBe(false)
  })
})
