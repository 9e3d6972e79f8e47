// The objective check, after the thread ends (eval-format: command, answer, file, review, split, all). Commands run
// in the box git-bob runs its checks in (adapters/sandbox), on a fresh checkout of git-bob's branch (or of the
// default branch when git-bob opened no pull request), with the task's checker/ files copied next to it.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SandboxChecks } from '../src/adapters/sandbox/checks.ts'
import { writeFiles } from '../test/fakes/git-remote.ts'
import type { Check, Task } from './task.ts'

/** What a check found: passed, and in words why (or why not). */
export interface Verdict {
  passed: boolean
  details: string[]
}

/** What git-bob left on GitHub and in the origin, as the checks read it. */
export interface Outcome {
  /** git-bob's last comment on the thread, markers and stamp removed; null when it answered nothing. */
  lastAnswer: string | null
  /** The branch of the last pull request git-bob opened; null when none. */
  branch: string | null
  defaultBranch: string
  /** The bare origin. */
  origin: string
  /** git-bob's line comments on the pull request. */
  lineComments: { path: string; line: number; body: string }[]
  /** Sub-issues git-bob opened: title and body. */
  issues: { title: string; body: string }[]
}

const CHECK_TIMEOUT_MS = 300_000
const OUTPUT_TAIL = 1_500

const matches = (pattern: string, text: string): boolean => new RegExp(pattern, 'i').test(text)

/** A fresh clone of a branch of the origin, the checker files written next to it (never committed). */
function checkout(outcome: Outcome, branch: string, task: Task): string {
  const dir = mkdtempSync(join(tmpdir(), 'git-bob-eval-check-'))
  execFileSync('git', ['clone', '--quiet', '--depth', '1', '--branch', branch, `file://${outcome.origin}`, dir], {
    stdio: 'ignore'
  })
  writeFiles(
    dir,
    Object.fromEntries(Object.entries(task.checker).map(([path, bytes]) => [`checker/${path}`, new Uint8Array(bytes)]))
  )
  return dir
}

async function inBox(
  checks: SandboxChecks,
  task: Task,
  outcome: Outcome,
  branch: string,
  command: string
): Promise<Verdict> {
  const dir = checkout(outcome, branch, task)
  try {
    const written = Object.keys(task.checker).map((p) => `checker/${p}`)
    const run = await checks.run({ dir, written: () => written, wrote: () => undefined }, command, {
      setup: null,
      timeoutMs: CHECK_TIMEOUT_MS
    })
    const tail = run.output.trim().slice(-OUTPUT_TAIL)
    const how = run.timedOut ? 'ran out of time' : run.code === null ? 'could not run' : `exited ${run.code}`
    return { passed: run.code === 0, details: [`\`${command}\` on ${branch} ${how}${tail ? `:\n${tail}` : ''}`] }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function fileOn(outcome: Outcome, branch: string, path: string): Buffer | null {
  try {
    return execFileSync('git', ['--git-dir', outcome.origin, 'show', `${branch}:${path}`], {
      maxBuffer: 64 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'ignore']
    })
  } catch {
    return null
  }
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Runs a task's check (or one part of an "all" check) on what git-bob left. */
export async function runCheck(check: Check, task: Task, outcome: Outcome, checks: SandboxChecks): Promise<Verdict> {
  const branch = outcome.branch ?? outcome.defaultBranch
  switch (check.kind) {
    case 'command':
      return inBox(checks, task, outcome, check.branch === 'pr' ? branch : outcome.defaultBranch, check.command)
    case 'answer': {
      const answer = outcome.lastAnswer
      if (answer === null) return { passed: false, details: ['git-bob posted no answer'] }
      const missing = check.mustMention.filter((p) => !matches(p, answer))
      const wrong = check.mustNotMention.filter((p) => matches(p, answer))
      return {
        passed: !missing.length && !wrong.length,
        details: [
          ...missing.map((p) => `the answer does not mention /${p}/`),
          ...wrong.map((p) => `the answer mentions /${p}/`),
          ...(missing.length || wrong.length ? [] : ['the answer mentions what it must, and nothing it must not'])
        ]
      }
    }
    case 'file': {
      if (!outcome.branch) return { passed: false, details: ['git-bob opened no pull request'] }
      const bytes = fileOn(outcome, branch, check.path)
      if (!bytes) return { passed: false, details: [`${check.path} is not on ${branch}`] }
      if (check.png && !bytes.subarray(0, 8).equals(PNG))
        return { passed: false, details: [`${check.path} on ${branch} is not a PNG`] }
      if (!check.command) return { passed: true, details: [`${check.path} is on ${branch}`] }
      return inBox(checks, task, outcome, branch, check.command)
    }
    case 'review': {
      const found = new Set<number>()
      let falseAlarms = 0
      for (const c of outcome.lineComments) {
        const bug = check.bugs.findIndex(
          (b) => b.path === c.path && Math.abs(b.line - c.line) <= 3 && matches(b.about, c.body)
        )
        if (bug >= 0) found.add(bug)
        else falseAlarms++
      }
      const missed = check.bugs.filter((_, i) => !found.has(i))
      return {
        passed: !missed.length && falseAlarms <= check.maxFalseAlarms,
        details: [
          `${found.size} of ${check.bugs.length} planted bugs found at their lines`,
          ...missed.map((b) => `missed: ${b.path}:${b.line} /${b.about}/`),
          `${falseAlarms} other line comments (at most ${check.maxFalseAlarms})`
        ]
      }
    }
    case 'split': {
      const texts = outcome.issues.map((i) => `${i.title}\n${i.body}`)
      const uncovered = check.items.filter((item) => !texts.some((t) => item.some((p) => matches(p, t))))
      return {
        passed: texts.length > 0 && !uncovered.length,
        details: [
          `${texts.length} sub-issues opened`,
          ...uncovered.map((item) => `no sub-issue covers ${item.map((p) => `/${p}/`).join(' or ')}`)
        ]
      }
    }
    case 'all': {
      const verdicts = []
      for (const part of check.checks) verdicts.push(await runCheck(part, task, outcome, checks))
      return { passed: verdicts.every((v) => v.passed), details: verdicts.flatMap((v) => v.details) }
    }
  }
}
