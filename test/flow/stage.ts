// The flow layer's stage: the whole action in the test process. runStep() (the wiring main.ts uses) with
// a step environment built like the runner's, the stand-ins over real HTTP, and a runner that captures the
// workflow commands the action issues, as the log would show them. process.env is neither read nor changed.
import { runStep } from '../../src/wiring/actions.ts'
import { runGitLab } from '../../src/wiring/gitlab.ts'
import type { JupyterRunner } from '../../src/adapters/jupyter/execute.ts'
import type { SandboxChecks } from '../../src/adapters/sandbox/checks.ts'
import { capturingRunner } from '../fakes/runner.ts'
import { said, type Printed } from '../fakes/said.ts'
import { gitlabJob, useGitLabStage, type GitLabStage } from '../fakes/gitlab-stage.ts'
import { useStage as stage, type Stage } from '../fakes/stage.ts'
import { stepEnvironment, type StepOptions } from '../fakes/step-environment.ts'
import { timeLeftInTest } from '../fakes/time-left.ts'

export { annotations, OPENAI_KEY } from '../fakes/stage.ts'

export interface FlowRun {
  /** The exit code main.ts would set. */
  code: number
  /** The log: info lines as written, warnings, errors and masks as workflow commands (`::error title=…::…`). */
  stdout: string
  summary: string
  outputs: Record<string, string>
  durationMs: number
}

interface FlowOptions extends Omit<StepOptions, 'githubUrl'> {
  /** Instead of the runner's Jupyter. */
  notebooks?: JupyterRunner
  /** Instead of the sandbox's checks. */
  checks?: SandboxChecks
  /** The clock the budget reads (default: the real one). */
  now?: () => number
  /**
   * A run not ended by then fails the test with what it said so far, where a hang would otherwise end in a bare
   * test timeout (default: 5 s before the test's own). The run itself goes on in this process: nothing can stop it.
   */
  timeoutMs?: number
}

type FlowStage = Stage<FlowOptions, FlowRun> & {
  /** What the run said (its log and the stand-in's threads), for an assertion's message. */
  said(run: Printed): string
}

export function useStage(): FlowStage {
  const flow = stage<FlowOptions, FlowRun>(async (options) => {
    const { env } = await stepEnvironment(options, 'git-bob-flow-')
    const runner = capturingRunner()
    const started = Date.now()
    // Retries and pacing wait milliseconds instead of seconds: the tests count requests, not seconds.
    // (A retry-after from the server is still honoured as sent.)
    const running = runStep(env, runner, {
      githubRetryBaseMs: 10,
      githubSpacingMs: { write: 0, notifications: 0, search: 0 },
      modelRetryBaseMs: 10,
      ...(options.notebooks ? { notebooks: options.notebooks } : {}),
      ...(options.now ? { now: options.now } : {}),
      // Without one, the wiring's own: the sandbox with the limits and network the inputs set.
      ...(options.checks ? { checks: options.checks } : {})
    })
    const code = await deadline(running, options.timeoutMs ?? timeLeftInTest(5_000), () =>
      flow.said({ code: null, stdout: runner.lines.map((l) => `${l}\n`).join('') })
    )
    return {
      code,
      stdout: runner.lines.map((l) => `${l}\n`).join(''),
      summary: runner.summary,
      outputs: runner.outputs,
      durationMs: Date.now() - started
    }
  }) as FlowStage
  flow.said = (run) => said(run, flow.github)
  return flow
}

/** `running`'s result, or after `ms` an error that says what the run had said by then. */
async function deadline<T>(running: Promise<T>, ms: number | null, saidSoFar: () => string): Promise<T> {
  if (ms === null) return running
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the run had not ended after ${ms} ms; so far:\n${saidSoFar()}`)), ms)
  })
  try {
    return await Promise.race([running, late])
  } finally {
    clearTimeout(timer)
  }
}

/** A run in GitLab mode: what the job's log said, and the summary it kept as the job's artifact. */
export interface GitLabFlowRun {
  code: number
  stdout: string
  summary: string
}

/** The GitLab stand-in's stage with runGitLab() in this process, as a GitLab CI job would start it. */
export function useGitLabFlowStage(): GitLabStage<GitLabFlowRun> {
  return useGitLabStage<GitLabFlowRun>(async (gitlab, model, options) => {
    const job = await gitlabJob(gitlab, model, options)
    const runner = capturingRunner()
    const code = await runGitLab(job.env, runner, {
      githubRetryBaseMs: 10,
      modelRetryBaseMs: 10,
      ...(options.now ? { now: options.now } : {})
    })
    return { code, stdout: runner.lines.join('\n'), summary: runner.summary }
  })
}
