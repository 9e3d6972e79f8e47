import { describe, expect, it } from 'vitest'
import { extractJson } from '../../../src/llm/structured-output.ts'

describe('extractJson', () => {
  it.each<[string, string]>([
    ['{"a":1}', '{"a":1}'],
    ['  {"a":1}\n', '{"a":1}'],
    ['```json\n{"a":1}\n```', '{"a":1}'],
    ['```JSON\n{"a":1}\n```', '{"a":1}'],
    ['```\n{"a":1}\n```', '{"a":1}'],
    ['```json\n{"a":1}```', '{"a":1}'],
    ['\n\n```json\n  {"a": 1}  \n```\n\n', '{"a": 1}'],
    ['```json\n{\n  "a": [1, 2],\n  "b": "x"\n}\n```', '{\n  "a": [1, 2],\n  "b": "x"\n}'],
    ['[1,2,3]', '[1,2,3]'],
    ['```json\n[1,2,3]\n```', '[1,2,3]']
  ])('%j -> %j', (input, expected) => {
    expect(extractJson(input)).toBe(expected)
  })

  it('the result parses as JSON', () => {
    expect(JSON.parse(extractJson('```json\n{"ok":true,"n":[1]}\n```'))).toEqual({ ok: true, n: [1] })
  })

  it('keeps backticks inside JSON strings', () => {
    const inner = '{"code":"```js\\nx\\n```"}'
    expect(extractJson(`\`\`\`json\n${inner}\n\`\`\``)).toBe(inner)
    expect(JSON.parse(extractJson(`\`\`\`json\n${inner}\n\`\`\``))).toEqual({ code: '```js\nx\n```' })
  })

  it('leaves text around a fence alone (only an outer fence is removed)', () => {
    const text = 'Here you go:\n```json\n{"a":1}\n```'
    expect(extractJson(text)).toBe(text)
  })

  it('leaves a fence on one line alone', () => {
    expect(extractJson('```json {"a":1}```')).toBe('```json {"a":1}```')
  })

  it('leaves a fence of another language alone', () => {
    const text = '```python\n{"a":1}\n```'
    expect(extractJson(text)).toBe(text)
  })
})
