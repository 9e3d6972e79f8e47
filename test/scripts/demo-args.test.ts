import { describe, expect, it } from 'vitest'
import { DEFAULT_MODEL, liveKeyProblem, parseDemoArgs, usage } from '../../demo/args.ts'
import { SCENES, SHOWS } from '../../demo/scenes.ts'

describe("the demo's command line", () => {
  it('--help and -h give the usage: what the demo does, its options and every scene with what it shows', () => {
    for (const flag of ['--help', '-h']) {
      const args = parseDemoArgs([flag], {})
      expect(args).toEqual({ kind: 'help', text: usage() })
    }
    const text = usage()
    for (const option of ['--scene', '--request', '--live', '--model', '--help']) expect(text).toContain(option)
    const lines = text.split('\n')
    for (const scene of SCENES) expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^  ${scene} +\\S`)))
    // Each scene's line says what it shows, wrapped at 120 columns.
    const flat = text.replace(/\s+/g, ' ')
    for (const scene of SCENES) expect(flat).toContain(` ${scene} ${SHOWS[scene]}`)
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(120)
  })

  it('an unknown option, a missing value or an unknown scene is an error with the usage, exit code 2', () => {
    for (const argv of [['--bogus'], ['--request'], ['stray'], ['--scene', 'checks,dance']]) {
      const args = parseDemoArgs(argv, {})
      expect(args.kind, argv.join(' ')).toBe('error')
      if (args.kind !== 'error') continue
      expect(args.exitCode).toBe(2)
      expect(args.message).toContain(usage())
    }
    const bogus = parseDemoArgs(['--bogus'], {})
    expect(bogus.kind === 'error' && bogus.message).toMatch(/^Unknown option '--bogus'/)
    const dance = parseDemoArgs(['--scene', 'checks,dance'], {})
    expect(dance.kind === 'error' && dance.message).toMatch(/^Unknown scene "dance"; the scenes are comment, ask,/)
    expect(parseDemoArgs(['--scene', 'help', '--request', 'git-bob help'], {}).kind).toBe('error')
  })

  it('plays every scene by default, or the ones picked, in the tour order', () => {
    expect(parseDemoArgs([], {})).toEqual({
      kind: 'play',
      live: false,
      model: DEFAULT_MODEL,
      request: null,
      scenes: SCENES
    })
    const picked = parseDemoArgs(['--scene', 'checks,try', '--scene', 'Ask'], {})
    expect(picked.kind === 'play' && picked.scenes).toEqual(['ask', 'try', 'checks'])
    const one = parseDemoArgs(['--request', 'git-bob split this'], {})
    expect(one.kind === 'play' && one.request).toBe('git-bob split this')
  })

  it("--live without the chosen model's key says which variable to set, exit code 1", () => {
    const github = parseDemoArgs(['--live'], { GITHUB_TOKEN: ' ' })
    expect(github).toEqual({
      kind: 'error',
      exitCode: 1,
      message:
        '--live with github_models:openai/gpt-4.1 needs a GitHub token with the `models: read` permission: set `GITHUB_TOKEN` in the environment, e.g. `GITHUB_TOKEN=... npm run demo -- --live`.'
    })
    const openai = parseDemoArgs(['--live', '--model', 'openai:gpt-4.1'], { GITHUB_TOKEN: 'ghs_x' })
    expect(openai.kind === 'error' && openai.message).toContain('set `OPENAI_API_KEY` in the environment')
    expect(liveKeyProblem('gemini:gemini-2.5-flash', {})).toContain('set `GEMINI_API_KEY` or `GOOGLE_API_KEY`')
    expect(liveKeyProblem('anthropic:claude-sonnet-4-5', { ANTHROPIC_API_KEY: 'k' })).toBeNull()
    expect(liveKeyProblem('ollama:llama3', {})).toBeNull()
    expect(liveKeyProblem('nowhere:model', {})).toContain('unknown provider "nowhere"')
    expect(parseDemoArgs(['--live'], { GITHUB_TOKEN: 'ghs_x' })).toMatchObject({ kind: 'play', live: true })
  })
})
