// The e2e layer's stage: the stand-ins of test/fakes/stage.ts, and the built action run as the runner runs it.
import { runAction, type ActionOptions, type ActionRun } from '../fakes/action.ts'
import { useStage as stage, type Stage } from '../fakes/stage.ts'

export { annotations, OPENAI_KEY } from '../fakes/stage.ts'

export function useStage(): Stage<Omit<ActionOptions, 'githubUrl'>, ActionRun> {
  return stage(runAction)
}
