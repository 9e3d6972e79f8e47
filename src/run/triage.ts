// A triage run: the schedule's, or a dispatch asking for one.
import { readBudgetConfig, readTriageMaxIssues } from '../config.ts'
import { forgeWords } from '../ports/forge.ts'
import { hasLimits } from '../ports/ledger.ts'
import { budgetAllows } from '../record/ledger.ts'
import { Redactor } from '../outbox/secrets.ts'
import type { Adapters } from '../run-types.ts'
import type { RunEnvironment, RunResult } from '../ports/run.ts'
import { type Incoming, type Sweep } from '../trigger/read-request.ts'
import { mayTrigger } from '../trigger/gate.ts'
import { triageLabels } from '../trigger/labels.ts'
import type { Command } from '../trigger/grammar.ts'
import { triageCandidates } from '../conversation/triage-candidates.ts'
import { runnerRepository, triageEvent, triageSummary } from '../conversation/triage-event.ts'
import { counted } from '../plural.ts'
import { answer } from './answer.ts'
import { ignored } from './stages.ts'

/**
 * A triage run (the schedule, or a dispatch asking for it): the newest open issues nobody has labelled and git-bob
 * has not answered, at most triage-max-issues, each answered through the same path as a comment. No code runs
 * for a triage, so issues by anyone are triaged; a dispatch is gated like a comment.
 */
export async function sweep(request: Sweep, environment: RunEnvironment, adapters: Adapters): Promise<RunResult> {
  const { log } = adapters
  const { sweep: started, gate } = request
  const repo = started.repo ?? runnerRepository(environment)
  if (!repo) return ignored(log, 'a schedule names no repository and GITHUB_REPOSITORY is not set')
  const redactor = new Redactor([gate.githubToken])
  redactor.addFromEnvironment(environment.env)
  const max = readTriageMaxIssues(adapters.readInput)
  const api = await adapters.connectGitHub(gate.githubToken, { owner: repo.owner, repo: repo.name })
  const words = forgeWords(api.dialect)
  let why = words.schedule
  if (started.sender) {
    const { login, isBot } = started.sender
    if (isBot && !gate.allowedBots.includes(login.toLowerCase())) return ignored(log, `${login} is a bot`)
    const permission = await api.permission(login)
    if (!mayTrigger(permission)) return ignored(log, `${login} has ${permission} permission; write is needed`)
    why = `${login} has ${permission} permission`
  }
  const [issues, names] = await Promise.all([api.openIssues(Math.min(100, max * 4)), api.labelNames()])
  const labels = triageLabels(names, gate.labelPrefix)
  const picked = await triageCandidates(issues, max, (n) => api.posted(n, false), gate.botLogin)
  if (!picked.length) return ignored(log, 'no new issue to triage')
  const command: Command = { kind: 'known', verb: 'triage', word: 'triage', args: '' }
  const actor = started.sender ?? { ...words.scheduler, isBot: true }
  const results: { number: number; result: RunResult }[] = []
  const budget = readBudgetConfig(adapters.readInput)
  for (const issue of picked) {
    // A spent budget ends the triage quietly: issues by anyone must not each get a "budget spent" reply.
    if (hasLimits(budget.limits) && !(await budgetAllows(api, budget.limits, adapters.now())).allowed) {
      log.info(`The budget is spent: ${counted(picked.length - results.length, 'issue')} left for the next triage.`)
      break
    }
    const event = triageEvent(started.eventName, repo, issue, actor, labels, new Date().toISOString())
    const incoming: Incoming = { kind: 'incoming', event, gate, addressed: true, command: () => command }
    const result = await answer(incoming, { kind: 'allow', why, command }, { environment, adapters, api, redactor })
    results.push({ number: issue.number, result })
  }
  if (!results.length) return ignored(log, 'the budget is spent')
  await adapters.writeSummary(triageSummary(results))
  const failed = results.filter((r) => r.result.status === 'failed').length
  const posted = results.flatMap((r) => r.result.posted)
  adapters.setOutput('status', failed ? 'failed' : 'answered')
  return {
    status: failed ? 'failed' : 'answered',
    reason: `triaged ${counted(results.length, 'issue')}${failed ? `, ${failed} failed` : ''}`,
    posted
  }
}
