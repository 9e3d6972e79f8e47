import { describe, expect, it } from 'vitest'
import { GITHUB_MODELS_LIMITS_URL } from '../../../src/llm/prices.ts'
import { checkLine, runRows } from '../../../src/commands/implement/statuses.ts'
import { notebookLine } from '../../../src/commands/implement/checks.ts'
import { renderSummary } from '../../../src/record/summary.ts'
import { Transcript, type CallRecord } from '../../../src/record/transcript.ts'

function call(overrides: Partial<CallRecord>): CallRecord {
  return {
    purpose: 'answer',
    provider: 'openai',
    requestedModel: 'gpt-4.1',
    servedModel: 'gpt-4.1-2025-04-14',
    messages: [{ role: 'user', content: 'Plot it, please.' }],
    answer: 'Use pandas.',
    usage: { inputTokens: 1000, outputTokens: 100 },
    durationMs: 1200,
    attempts: 1,
    error: null,
    ...overrides
  }
}

const same = (text: string): string => text

describe('renderSummary', () => {
  it('starts with a table with a header row and the run facts', () => {
    const text = renderSummary({ title: 'git-bob on #1', rows: [['command', 'comment']] }, new Transcript(), same)
    const lines = text.split('\n')
    expect(lines.slice(0, 5)).toEqual([
      '## git-bob on #1',
      '',
      '| about the run | |',
      '|---|---|',
      '| command | comment |'
    ])
  })

  it('shows a text answer as it came, in a markdown fence', () => {
    const transcript = new Transcript()
    transcript.add(call({}))
    const text = renderSummary({ title: 't', rows: [] }, transcript, same)
    expect(text).toContain('### Call 1: answer — gpt-4.1-2025-04-14 via openai — 1,000 in / 100 out tokens')
    expect(text).toContain('<details open><summary>Answer</summary>\n\n```markdown\nUse pandas.\n```')
  })

  it('renders a structured answer readably, with the JSON as sent collapsed below it', () => {
    const transcript = new Transcript()
    const plan = {
      title: 'Add a plot',
      summary: 'A notebook.',
      actions: [{ action: 'create', path: 'plot.ipynb', source: null, reason: 'the plot' }]
    }
    transcript.add(call({ purpose: 'plan', schema: 'change_plan', answer: JSON.stringify(plan) }))
    transcript.add(
      call({
        purpose: 'write load.py',
        schema: 'file_content',
        answer: JSON.stringify({ content: 'x = 1', note: 'n' })
      })
    )
    const text = renderSummary({ title: 't', rows: [] }, transcript, same)
    expect(text).toContain(
      '<summary>Answer (structured: change_plan)</summary>\n\n**Add a plot**\n\n> A notebook.\n\n1. create `plot.ipynb`: the plot'
    )
    expect(text).toContain('n\n\n```python\nx = 1\n```')
    expect(text).toContain(
      `<details><summary>The answer as sent (JSON)</summary>\n\n\`\`\`json\n${JSON.stringify(plan)}\n\`\`\``
    )
    expect(text).not.toContain('```markdown\n{')
  })

  it('labels a structured answer that is not JSON as JSON, not markdown', () => {
    const transcript = new Transcript()
    transcript.add(call({ purpose: 'plan', schema: 'change_plan', answer: 'I cannot do that' }))
    const text = renderSummary({ title: 't', rows: [] }, transcript, same)
    expect(text).toContain('<details open><summary>Answer</summary>\n\n```json\nI cannot do that\n```')
  })

  it('gives one row per name: the notes share one, the remarks on tools another', () => {
    const transcript = new Transcript()
    transcript.add(call({}))
    transcript.notes.tell('Left out: an image.')
    transcript.notes.tell('Left out: | a pipe.')
    transcript.remark('Tools: at most 8 steps.')
    transcript.remark('Tools: no price is known.')
    const rows = renderSummary({ title: 't', rows: [] }, transcript, same)
      .split('\n')
      .filter((l) => l.startsWith('| '))
    expect(rows.filter((r) => r.startsWith('| tools |'))).toEqual([
      '| tools | Tools: at most 8 steps.<br>Tools: no price is known. |'
    ])
    expect(rows.filter((r) => r.startsWith('| note'))).toEqual([
      '| notes | Left out: an image.<br>Left out: \\| a pipe. |'
    ])
  })
})

describe('the cost row', () => {
  const costRow = (transcript: Transcript): string | undefined =>
    renderSummary({ title: 't', rows: [] }, transcript, same)
      .split('\n')
      .find((l) => l.startsWith('| cost (estimate) |'))

  it("says GitHub Models is free within its daily limits, with the link, instead of 'unknown'", () => {
    const transcript = new Transcript()
    transcript.add(call({ provider: 'github_models', requestedModel: 'openai/gpt-4.1' }))
    expect(costRow(transcript)).toBe(
      `| cost (estimate) | free within GitHub Models' daily limits ([rate limits](${GITHUB_MODELS_LIMITS_URL})) |`
    )
  })

  it('adds the estimate of priced calls to the free ones, and stays unknown for a model without a price', () => {
    const mixed = new Transcript()
    mixed.add(call({ provider: 'github_models', requestedModel: 'openai/gpt-4.1' }))
    mixed.add(call({}))
    expect(costRow(mixed)).toBe(
      `| cost (estimate) | $0.0028 (list prices of 2025-11); free within GitHub Models' daily limits ([rate limits](${GITHUB_MODELS_LIMITS_URL})) |`
    )
    const unknown = new Transcript()
    unknown.add(call({ provider: 'ollama', requestedModel: 'llama3.1', servedModel: null }))
    expect(costRow(unknown)).toBe('| cost (estimate) | unknown: no price listed for this model |')
  })
})

describe('the runs of notebooks and checks', () => {
  it('says what ran, how it ended (the reason, the exit code or signal) and how long, and shows each output', () => {
    const runs = [
      notebookLine('plot.ipynb', {
        kind: 'could-not-run',
        problem: 'Jupyter ended with exit code 137: killed (SIGKILL), out of memory or stopped',
        output: '[NbConvertApp] Converting notebook plot.ipynb',
        ms: 12_345
      }),
      checkLine('syntax', 'python3 -m py_compile a.py', { kind: 'passed', ms: 300 }, null),
      checkLine('check', 'python3 -m pytest -q', { kind: 'failed', code: 1, ms: 4_000 }, '1 failed'),
      checkLine('check', 'make test', { kind: 'after-failure' }, null)
    ]
    const text = renderSummary(
      { title: 't', rows: [], runs: runRows({ lines: runs, rounds: 0, source: null, stopped: null, isolation: null }) },
      new Transcript(),
      same
    )
    expect(text).toContain(
      [
        '### Notebook and check runs',
        '',
        '| run | what | how it ended | time |',
        '|---|---|---|---|',
        '| notebook | `plot.ipynb` | could not be run: Jupyter ended with exit code 137: killed (SIGKILL), out of memory or stopped | 12.3 s |',
        '| syntax check | `python3 -m py_compile a.py` | passed in 0.3 s | 0.3 s |',
        '| check | `python3 -m pytest -q` | failed with exit code 1 | 4.0 s |',
        '| check | `make test` | not run: an earlier check failed |  |'
      ].join('\n')
    )
    expect(text).toContain(
      '<details><summary>notebook <code>plot.ipynb</code>: the last lines of its output</summary>\n\n```\n[NbConvertApp] Converting notebook plot.ipynb\n```'
    )
    expect(text).toContain(
      '<details><summary>check <code>python3 -m pytest -q</code>: the last lines of its output</summary>'
    )
  })

  it('has no such section when nothing ran', () => {
    expect(renderSummary({ title: 't', rows: [], runs: [] }, new Transcript(), same)).not.toContain('runs')
    expect(renderSummary({ title: 't', rows: [] }, new Transcript(), same)).not.toContain('runs')
  })
})
