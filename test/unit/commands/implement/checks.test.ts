import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { checkAndRepair, notebookLine, tail, type CheckPlan } from '../../../../src/commands/implement/checks.ts'
import { pathRules } from '../../../../src/ports/paths.ts'
import type { CheckRun, CheckRunner } from '../../../../src/ports/workspace.ts'
import { ChangedFiles } from '../../../../src/commands/implement/writing-tools.ts'
import type { ChangePorts, CheckReport } from '../../../../src/commands/types.ts'
import { changePorts, conversationContext, LIMITS } from '../../../fakes/conversation-context.ts'
import { MemoryWorkspace } from '../../../fakes/memory-workspace.ts'
import { ScriptedModel } from '../../../fakes/scripted-model.ts'
import { runToolLoop } from '../../../../src/llm/tool-loop.ts'
import type { AnyTool } from '../../../../src/llm/tools.ts'
import type { ToolCall, ToolReply, ToolRequest } from '../../../../src/llm/types.ts'

/** Checks that pass when `passes` says so of the workspace; every run recorded. */
function runner(ws: MemoryWorkspace, result: (command: string, ws: MemoryWorkspace) => Partial<CheckRun>) {
  const runs: { command: string; setup: string | null; timeoutMs: number }[] = []
  const checks: CheckRunner = {
    available: async () => ({ ok: true }),
    run: async (command, options) => {
      runs.push({ command, ...options })
      return { code: 0, output: '', timedOut: false, setupFailed: false, ms: 10, limit: null, ...result(command, ws) }
    }
  }
  return { checks, runs }
}

const PYTEST = { command: 'python3 -m pytest -q', source: 'the pytest configuration in `pytest.ini`' }

function fixture(overrides: Partial<ChangePorts> = {}) {
  const ws = new MemoryWorkspace({
    'ops.py': 'def add(a, b):\n    return a * b\n',
    'test_ops.py': 'assert add(2, 3) == 5\n'
  })
  const changed = new ChangedFiles([{ path: 'ops.py', action: 'modify', source: null, note: 'adds' }])
  const ports = changePorts(ws, { checkSettings: { command: null, setup: 'pip install -e .' }, ...overrides })
  return { ws, changed, ports }
}

const repair = (content: string) => ({
  diagnosis: 'multiplied',
  changes: [{ tool: 'write_file', path: 'ops.py', content, edits: null, source: null }]
})

function plan(progress: string[] = [], extra: Partial<CheckPlan> = {}): CheckPlan {
  return {
    check: PYTEST,
    notebooks: [],
    deadline: Date.now() + 600_000,
    onProgress: async (_report: CheckReport, doing: string | null) => {
      progress.push(doing ?? 'done')
    },
    ...extra
  }
}

const failsUnlessAdds = (command: string, ws: MemoryWorkspace): Partial<CheckRun> =>
  command.includes('pytest') && !ws.text('ops.py')!.includes('a + b')
    ? { code: 1, output: `${'noise\n'.repeat(200)}E  assert 6 == 5 (token sk-secret-123)\n1 failed\n` }
    : {}

describe('checkAndRepair', () => {
  it('runs the syntax check and the check after the set-up, sends the masked end of a failure back, and runs again', async () => {
    const { ws, changed, ports } = fixture()
    const { checks, runs } = runner(ws, failsUnlessAdds)
    const model = new ScriptedModel(repair('def add(a, b):\n    return a + b\n'))
    const progress: string[] = []
    const report = await checkAndRepair(
      { ctx: conversationContext(model, ports), ports: { ...ports, checks }, rules: pathRules(null) },
      changed,
      plan(progress)
    )
    expect(runs.map((r) => [r.command, r.setup])).toEqual([
      ['python3 -m py_compile ops.py', null],
      ['python3 -m pytest -q', 'pip install -e .'],
      ['python3 -m py_compile ops.py', null],
      ['python3 -m pytest -q', 'pip install -e .']
    ])
    const prompt = model.lastMessage(0)
    expect(prompt).toContain('assert 6 == 5 (token ***)')
    expect(prompt).not.toContain('sk-secret-123')
    // Only the end of the output, and the test file the failure names... and the files of the change.
    expect(prompt.match(/noise/g)!.length).toBeLessThan(70)
    expect(prompt).toContain('## ops.py')
    expect(ws.text('ops.py')).toContain('a + b')
    expect(report).toMatchObject({ rounds: 1, stopped: null, source: 'the pytest configuration in `pytest.ini`' })
    expect(report!.lines.map((l) => l.status)).toEqual(['passed', 'passed'])
    expect(changed.byPath.get('ops.py')!.note).toBe('rewritten to make the checks pass')
    expect(progress).toEqual([
      'running the checks',
      'asking the model to fix the failing checks (repair round 1)',
      'running the checks again after repair round 1'
    ])
  })

  it('stops at check-repair-rounds and says so', async () => {
    const { ws, changed, ports } = fixture()
    const { checks } = runner(ws, failsUnlessAdds)
    const model = new ScriptedModel(repair('x = 1\n'), repair('x = 2\n'))
    const report = await checkAndRepair(
      {
        ctx: conversationContext(model, ports),
        ports: { ...ports, checks, limits: { ...LIMITS, checkRepairRounds: 2 } },
        rules: pathRules(null)
      },
      changed,
      plan()
    )
    expect(model.left).toBe(0)
    expect(report!.rounds).toBe(2)
    expect(report!.stopped).toBe(
      'the checks still fail after 2 repair rounds (the `check-repair-rounds` input allows 2)'
    )
    expect(report!.lines.find((l) => l.kind === 'check')).toMatchObject({
      status: 'failed',
      summary: 'failed with exit code 1'
    })
  })

  it('stops when the time for sandboxed runs is up, without asking the model again', async () => {
    const { ws, changed, ports } = fixture()
    let now = 0
    const { checks } = runner(ws, (command, w) => {
      now += 400_000
      return failsUnlessAdds(command, w)
    })
    const model = new ScriptedModel()
    const report = await checkAndRepair(
      { ctx: conversationContext(model, ports), ports: { ...ports, checks }, rules: pathRules(null) },
      changed,
      {
        ...plan(),
        deadline: 600_000,
        clock: () => now
      }
    )
    expect(model.requests).toHaveLength(0)
    expect(report!.stopped).toContain('ran out (the `notebook-timeout-seconds` input)')
  })

  it('reports a check that ran out of time or whose set-up failed, with the end of its output', async () => {
    const { ws, changed, ports } = fixture()
    const { checks } = runner(ws, (command) =>
      command.includes('pytest') ? { code: 1, setupFailed: true, output: 'ERROR: no setup.py\n' } : {}
    )
    const report = await checkAndRepair(
      {
        ctx: conversationContext(new ScriptedModel(), ports),
        ports: { ...ports, checks, limits: { ...LIMITS, checkRepairRounds: 0 } },
        rules: pathRules(null)
      },
      changed,
      plan()
    )
    expect(report!.lines[1]).toMatchObject({
      status: 'failed',
      summary: 'did not run: the set-up command `pip install -e .` failed (exit code 1)',
      tail: 'ERROR: no setup.py'
    })
  })

  it('says the checks were not run, and why, where no sandbox can be had', async () => {
    const { changed, ports } = fixture()
    const checks: CheckRunner = {
      available: async () => ({ ok: false, reason: 'no sandbox could be had' }),
      run: async () => {
        throw new Error('must not run')
      }
    }
    const report = await checkAndRepair(
      { ctx: conversationContext(new ScriptedModel(), ports), ports: { ...ports, checks }, rules: pathRules(null) },
      changed,
      plan()
    )
    expect(report!.lines.map((l) => [l.status, l.summary])).toEqual([
      ['not-run', 'not run: no sandbox could be had'],
      ['not-run', 'not run: no sandbox could be had']
    ])
  })

  it('has nothing to report without a check command, Python files or notebooks', async () => {
    const { ports } = fixture()
    const changed = new ChangedFiles([{ path: 'README.md', action: 'modify', source: null, note: '' }])
    const report = await checkAndRepair(
      { ctx: conversationContext(new ScriptedModel(), ports), ports, rules: pathRules(null) },
      changed,
      plan([], { check: null })
    )
    expect(report).toBeNull()
  })
})

describe('the report lines', () => {
  it('keep the end of a long output', () => {
    expect(tail('a\n'.repeat(100) + 'last', 3)).toBe('a\na\nlast')
  })

  it('read a notebook status as passed, failed or not run', () => {
    expect(notebookLine('a.ipynb', { kind: 'ran', ms: 1000, rounds: 0 }).status).toBe('passed')
    expect(notebookLine('a.ipynb', { kind: 'text-only' }).status).toBe('passed')
    expect(notebookLine('a.ipynb', { kind: 'still-fails', rounds: 2, error: 'x' }).status).toBe('failed')
    expect(notebookLine('a.ipynb', { kind: 'stopped', limitMs: 1000, error: 'x' }).status).toBe('failed')
    expect(notebookLine('a.ipynb', { kind: 'out-of-time', limitMs: 1000 }).status).toBe('not-run')
    expect(notebookLine('a.ipynb', { kind: 'unavailable', reason: 'no Jupyter' }).status).toBe('not-run')
    const stopped = notebookLine('a.ipynb', {
      kind: 'could-not-run',
      problem: 'the kernel stopped',
      output: 'x',
      ms: 1
    })
    expect(stopped.status).toBe('not-run')
    // Jupyter's output goes with the line to the job summary; the checks show none for a line not run.
    expect(stopped.tail).toBe('x')
  })
})

/** A scripted model that calls tools: each turn of the script is a list of tool calls, or the final text. */
class ToolCallingModel extends ScriptedModel {
  override toolsSupported = true
  readonly toolResults: string[] = []
  private readonly turns: (ToolCall[] | string)[]
  private readonly costUsd: number | null

  constructor(turns: (ToolCall[] | string)[], costUsd: number | null = 0.01) {
    super()
    this.turns = turns
    this.costUsd = costUsd
  }

  override async generateWithTools(request: ToolRequest): Promise<ToolReply> {
    this.requests.push(request)
    this.toolsOffered.push(request.tools.map((t) => t.name))
    const result = await runToolLoop({
      ...request,
      modelId: this.id,
      ask: async (messages, choice) => {
        const last = messages.at(-1)
        if (last?.role === 'tool') this.toolResults.push(last.content)
        const next = choice === 'none' ? 'gave up' : (this.turns.shift() ?? 'gave up')
        return {
          text: typeof next === 'string' ? next : '',
          toolCalls: typeof next === 'string' ? [] : next,
          usage: { inputTokens: 1, outputTokens: 1 },
          servedModel: 'scripted',
          finishReason: 'stop',
          costUsd: this.costUsd
        }
      },
      recordTools: () => {},
      tell: () => {},
      remark: () => {}
    })
    return { ...result, servedModel: 'scripted', provider: this.provider }
  }
}

const call = (name: string, args: Record<string, unknown> = {}): ToolCall => ({ id: name, name, arguments: args })
const FIX = call('edit_file', { path: 'ops.py', edits: [{ search: 'a * b', replace: 'a + b' }] })
const READ: AnyTool = {
  name: 'read_file',
  description: 'read',
  input: z.object({ path: z.string() }),
  run: async () => ({ text: 'def add(a, b):\n    return a * b\n' })
}

describe('checkAndRepair with a model that calls tools', () => {
  const withTools = (
    model: ScriptedModel,
    ports: ChangePorts,
    toolLimits = { maxSteps: 5, maxCallsPerStep: 20, maxCostUsd: 1 }
  ) => conversationContext(model, ports, { tools: [READ], toolLimits })

  it('repairs in one tool conversation: the model edits, runs the checks, reads that they pass, and answers', async () => {
    const { ws, changed, ports } = fixture()
    const { checks, runs } = runner(ws, failsUnlessAdds)
    const model = new ToolCallingModel([[call('read_file', { path: 'ops.py' })], [FIX], [call('run_checks')], 'fixed'])
    const progress: string[] = []
    const report = await checkAndRepair(
      { ctx: withTools(model, ports), ports: { ...ports, checks }, rules: pathRules(null) },
      changed,
      plan(progress)
    )
    expect(model.toolsOffered).toEqual([
      ['read_file', 'write_file', 'edit_file', 'delete_file', 'rename_file', 'run_checks']
    ])
    expect(model.lastMessage(0)).toContain('assert 6 == 5 (token ***)')
    expect(model.lastMessage(0)).not.toContain('sk-secret-123')
    expect(model.toolResults.at(-1)).toContain('passed')
    expect(ws.text('ops.py')).toContain('a + b')
    // The first run and the model's run_checks; nothing changed after it, so no run more.
    expect(runs.map((r) => r.command)).toEqual([
      'python3 -m py_compile ops.py',
      'python3 -m pytest -q',
      'python3 -m py_compile ops.py',
      'python3 -m pytest -q'
    ])
    expect(report?.lines.every((l) => l.status === 'passed')).toBe(true)
    expect(report?.stopped).toBeNull()
    expect(report?.rounds).toBe(1)
    expect(changed.byPath.get('ops.py')?.note).toContain('edited to make the checks pass')
    expect(progress).toEqual([
      'running the checks',
      'the model repairs the failing checks with tools',
      'running the checks (run 2)'
    ])
  })

  it('does not repair at all when check-repair-rounds is 0, even for a model that calls tools', async () => {
    const { ws, changed, ports } = fixture()
    const { checks, runs } = runner(ws, failsUnlessAdds)
    const model = new ToolCallingModel([[FIX], [call('run_checks')], 'fixed'])
    const report = await checkAndRepair(
      {
        ctx: withTools(model, ports),
        ports: { ...ports, checks, limits: { ...LIMITS, checkRepairRounds: 0 } },
        rules: pathRules(null)
      },
      changed,
      plan()
    )
    expect(model.requests).toEqual([])
    expect(runs).toHaveLength(2)
    expect(ws.text('ops.py')).toContain('a * b')
    expect(report?.rounds).toBe(0)
    expect(report?.stopped).toContain('the `check-repair-rounds` input allows 0')
  })

  it('runs the checks once more when the model changed files after its last run_checks', async () => {
    const { ws, changed, ports } = fixture()
    const { checks, runs } = runner(ws, failsUnlessAdds)
    const model = new ToolCallingModel([[FIX], 'fixed, I think'])
    const report = await checkAndRepair(
      { ctx: withTools(model, ports), ports: { ...ports, checks }, rules: pathRules(null) },
      changed,
      plan()
    )
    expect(runs).toHaveLength(4)
    expect(report?.stopped).toBeNull()
    expect(report?.lines.find((l) => l.kind === 'check')?.status).toBe('passed')
  })

  it('says the model ended before the checks passed', async () => {
    const { ws, changed, ports } = fixture()
    const { checks } = runner(ws, failsUnlessAdds)
    const model = new ToolCallingModel([[call('run_checks')], 'cannot fix it'])
    const report = await checkAndRepair(
      { ctx: withTools(model, ports), ports: { ...ports, checks }, rules: pathRules(null) },
      changed,
      plan()
    )
    expect(report?.stopped).toBe('the model ended its repair before the checks passed')
  })

  it('stops at max-steps when the model never fixes it, and the report says why', async () => {
    const { ws, changed, ports } = fixture()
    const { checks, runs } = runner(ws, failsUnlessAdds)
    const model = new ToolCallingModel(Array.from({ length: 10 }, () => [call('run_checks')]))
    const report = await checkAndRepair(
      {
        ctx: withTools(model, ports, { maxSteps: 3, maxCallsPerStep: 20, maxCostUsd: 1 }),
        ports: { ...ports, checks },
        rules: pathRules(null)
      },
      changed,
      plan()
    )
    expect(runs.filter((r) => r.command.includes('pytest'))).toHaveLength(4)
    expect(report?.lines.find((l) => l.kind === 'check')?.status).toBe('failed')
    expect(report?.stopped).toBe("the model's repair was cut short: it reached the limit of 3 tool steps (max-steps)")
  })

  it('stops at the money cap', async () => {
    const { ws, changed, ports } = fixture()
    const { checks } = runner(ws, failsUnlessAdds)
    const model = new ToolCallingModel(
      Array.from({ length: 10 }, () => [call('run_checks')]),
      0.3
    )
    const report = await checkAndRepair(
      {
        ctx: withTools(model, ports, { maxSteps: 20, maxCallsPerStep: 20, maxCostUsd: 1 }),
        ports: { ...ports, checks },
        rules: pathRules(null)
      },
      changed,
      plan()
    )
    expect(report?.stopped).toMatch(
      /^the model's repair was cut short: it reached the money cap of \$1\.00 \(max-cost-usd/
    )
  })

  it('runs no check once the time for sandboxed runs is up, and says so', async () => {
    const { ws, changed, ports } = fixture()
    const { checks, runs } = runner(ws, failsUnlessAdds)
    let now = 0
    const model = new ToolCallingModel([[call('run_checks')], 'out of time'])
    const report = await checkAndRepair(
      {
        ctx: withTools(model, ports),
        ports: {
          ...ports,
          checks: {
            ...checks,
            run: async (c, o) => {
              now += 300_000
              return checks.run(c, o)
            }
          }
        },
        rules: pathRules(null)
      },
      changed,
      plan([], { deadline: 600_000, clock: () => now })
    )
    expect(runs).toHaveLength(2)
    expect(model.toolResults[0]).toContain('The time for checks ran out')
    expect(report?.stopped).toMatch(/for notebook runs and checks ran out/)
  })
})
