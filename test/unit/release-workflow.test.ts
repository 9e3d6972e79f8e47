// The release workflow (.github/workflows/release.yml): its tag filter, its expressions evaluated with GitHub's own
// evaluator, and its shell steps run in bash as the runner runs them, with git replaced by a recorder.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { evaluate, inside } from '../fakes/expressions.ts'

interface Step {
  id?: string
  name?: string
  if?: string
  run?: string
  uses?: string
  env?: Record<string, string>
}
interface Workflow {
  on: { push: { tags: string[] }; workflow_dispatch: { inputs: Record<string, { required: boolean }> } }
  permissions: Record<string, string>
  jobs: { release: { env: Record<string, string>; steps: Step[] } }
}

const root = fileURLToPath(new URL('../../', import.meta.url))
const workflow = parse(readFileSync(join(root, '.github/workflows/release.yml'), 'utf8')) as Workflow
const job = workflow.jobs.release
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version

/** GitHub's filter pattern for a tag: `[0-9]+` one or more digits, `.` itself, `*` anything but `/`. */
function matchesTagFilter(pattern: string, tag: string): boolean {
  const regex = pattern
    .replace(/\./g, '\\.')
    .replace(/\*\*/g, '.*')
    .replace(/(?<!\.)\*/g, '[^/]*')
  return new RegExp(`^${regex}$`).test(tag)
}

function tagFor(contexts: Record<string, unknown>): unknown {
  return evaluate(inside(job.env.TAG!), { inputs: {}, ...contexts })
}

/** Runs a step's script in bash from the repository root, with a recording `git` first on the PATH. */
function runStep(
  id: string,
  env: Record<string, string>,
  cwd = root
): { status: number | null; output: string; git: string[] } {
  const step = job.steps.find((s) => s.id === id)!
  const bin = mkdtempSync(join(tmpdir(), 'git-bob-release-'))
  const log = join(bin, 'git.log')
  writeFileSync(join(bin, 'git'), `#!/usr/bin/env bash\necho "$*" >> "${log}"\n`)
  chmodSync(join(bin, 'git'), 0o755)
  writeFileSync(log, '')
  const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
    cwd,
    env: { PATH: `${bin}:${process.env.PATH}`, ...env },
    encoding: 'utf8'
  })
  const git = readFileSync(log, 'utf8').split('\n').filter(Boolean)
  return { status: result.status, output: result.stdout + result.stderr, git }
}

describe('the release workflow', () => {
  it('starts on a pushed vMAJOR.MINOR.PATCH tag, not on the moving major tag, or by hand with a version', () => {
    const [pattern] = workflow.on.push.tags
    for (const tag of ['v0.1.0', 'v0.2.13', 'v10.0.0']) expect(matchesTagFilter(pattern!, tag), tag).toBe(true)
    for (const tag of ['v0', 'v1', 'v0.1', 'release-1.0.0']) expect(matchesTagFilter(pattern!, tag), tag).toBe(false)
    expect(workflow.on.workflow_dispatch.inputs.version!.required).toBe(true)
    expect(workflow.permissions).toEqual({ contents: 'write' })
  })

  it('releases the pushed tag, or v<version> when started by hand', () => {
    expect(tagFor({ github: { event_name: 'push', ref_name: 'v0.2.0' } })).toBe('v0.2.0')
    expect(tagFor({ github: { event_name: 'workflow_dispatch' }, inputs: { version: '0.2.0' } })).toBe('v0.2.0')
  })

  it('refuses a tag that is not a semantic version or not the version in package.json', () => {
    expect(runStep('version', { TAG: `v${version}` }).status).toBe(0)
    const other = runStep('version', { TAG: 'v99.0.0' })
    expect(other.status).toBe(1)
    expect(other.output).toContain(`::error::package.json says ${version}, the tag is v99.0.0`)
    const loose = runStep('version', { TAG: 'v1.2' })
    expect(loose.status).toBe(1)
    expect(loose.output).toContain('::error::v1.2 is not a version tag vMAJOR.MINOR.PATCH')
  })

  it('checks dist/ with the same script as .ci/run, after a fresh build and before anything is published', () => {
    const steps = job.steps.map((s) => s.run ?? s.uses ?? '')
    const check = steps.findIndex((s) => s.includes('npm run build && bash .ci/check-dist'))
    expect(check).toBeGreaterThan(steps.findIndex((s) => s === 'npm ci'))
    expect(check).toBeLessThan(steps.findIndex((s) => s.includes('gh release create')))
    expect(readFileSync(join(root, '.ci/run'), 'utf8')).toMatch(/^bash \.ci\/check-dist$/m)
  })

  it('tags the commit itself only when started by hand', () => {
    const tagging = job.steps.find((s) => s.run?.includes('git tag "$TAG"'))!
    expect(evaluate(tagging.if!, { github: { event_name: 'workflow_dispatch' } })).toBe(true)
    expect(evaluate(tagging.if!, { github: { event_name: 'push' } })).toBe(false)
  })

  it("takes the notes from the version's section of CHANGELOG.md, and refuses a version without one", () => {
    const dir = mkdtempSync(join(tmpdir(), 'git-bob-changelog-'))
    writeFileSync(
      join(dir, 'CHANGELOG.md'),
      '# Changelog\n\n## [Unreleased]\n\n- next\n\n## [0.2.0] - 2027-01-10\n\n### Added\n\n- paint\n\n' +
        '## [0.1.10] - 2026-12-20\n\n- first\n'
    )
    const notes = (): string => readFileSync(join(dir, 'notes.md'), 'utf8')
    expect(runStep('notes', { TAG: 'v0.2.0', RUNNER_TEMP: dir }, dir).status).toBe(0)
    expect(notes()).toBe('\n### Added\n\n- paint\n\n')
    expect(runStep('notes', { TAG: 'v0.1.10', RUNNER_TEMP: dir }, dir).status).toBe(0)
    expect(notes()).toBe('\n- first\n')
    const missing = runStep('notes', { TAG: 'v0.1.1', RUNNER_TEMP: dir }, dir)
    expect(missing.status).toBe(1)
    expect(missing.output).toContain('::error::CHANGELOG.md has no section "## [0.1.1] - <date>"')
  })

  it('publishes the release with those notes and the generated ones, after checking the notes', () => {
    const publish = job.steps.find((s) => s.run?.includes('gh release create'))!
    expect(publish.run).toContain(
      'gh release create "$TAG" --verify-tag --title "$TAG" --notes-file "$RUNNER_TEMP/notes.md" --generate-notes'
    )
    expect(publish.env).toEqual({ GH_TOKEN: '${{ github.token }}' })
    const ids = job.steps.map((s) => s.id ?? s.run ?? '')
    expect(ids.indexOf('notes')).toBeLessThan(ids.findIndex((s) => s.startsWith('git tag "$TAG"')))
  })

  it('moves the major tag to the release', () => {
    expect(runStep('major', { TAG: 'v0.2.0' }).git).toEqual([
      'tag --force v0 v0.2.0^{commit}',
      'push --force origin refs/tags/v0'
    ])
    expect(runStep('major', { TAG: 'v1.0.0' }).git[0]).toBe('tag --force v1 v1.0.0^{commit}')
  })
})
