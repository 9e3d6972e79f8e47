// The e2e layer's stage: the stand-ins of test/fakes/stage.ts, and the built action run as the runner runs it.
import { TestRunner } from 'vitest'
import { runAction, type ActionOptions, type ActionRun } from '../fakes/action.ts'
import { said, type Printed } from '../fakes/said.ts'
import { useStage as stage, type Stage } from '../fakes/stage.ts'

export { annotations, OPENAI_KEY } from '../fakes/stage.ts'
export { said } from '../fakes/said.ts'

type E2eStage = Stage<Omit<ActionOptions, 'githubUrl'>, ActionRun> & {
  /** said() on this stage's GitHub. */
  said(run: Printed): string
}

/**
 * A run is stopped 10 s before the running test's timeout (the layer's 60 s unless the test sets more), so that a
 * run that hangs fails its test with what it said, not with a bare timeout. None for a test without a timeout.
 */
function stopBeforeTest(): Pick<ActionOptions, 'timeoutMs'> {
  const timeout = TestRunner.getCurrentTest()?.timeout ?? 0
  return timeout > 0 ? { timeoutMs: Math.max(1_000, timeout - 10_000) } : {}
}

/** `defaults`: options for every run of this stage, e.g. a longer `timeoutMs` in a file of heavy runs. */
export function useStage(defaults: Pick<ActionOptions, 'timeoutMs'> = {}): E2eStage {
  const e2e = stage((options: ActionOptions) => runAction({ ...stopBeforeTest(), ...defaults, ...options })) as E2eStage
  e2e.said = (run) => said(run, e2e.github)
  return e2e
}
