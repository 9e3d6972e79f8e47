// The e2e layer's stage: the stand-ins of test/fakes/stage.ts, and the built action run as the runner runs it.
import { runAction, type ActionOptions, type ActionRun } from '../fakes/action.ts'
import { said, type Printed } from '../fakes/said.ts'
import { useStage as stage, type Stage } from '../fakes/stage.ts'
import { timeLeftInTest } from '../fakes/time-left.ts'

export { annotations, OPENAI_KEY } from '../fakes/stage.ts'
export { said } from '../fakes/said.ts'

type E2eStage = Stage<Omit<ActionOptions, 'githubUrl'>, ActionRun> & {
  /** said() on this stage's GitHub. */
  said(run: Printed): string
}

/**
 * Every run of this stage is stopped 10 s before the running test's timeout (test/fakes/time-left.ts), so that a
 * run that hangs fails its test with what it said; a test without a timeout keeps runAction's own limit.
 */
export function useStage(): E2eStage {
  const e2e = stage((options: ActionOptions) => {
    const left = timeLeftInTest(10_000)
    return runAction({ ...(left === null ? {} : { timeoutMs: left }), ...options })
  }) as E2eStage
  e2e.said = (run) => said(run, e2e.github)
  return e2e
}
