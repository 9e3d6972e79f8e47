import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { INPUT_FLAGS, parseCommandLine } from '../../../src/cli/args.ts'

describe('parseCommandLine', () => {
  it('reads the command, the issue, the request, --post, --transcript, --server and inputs as flags', () => {
    expect(
      parseCommandLine([
        'Implement',
        'o/r#3',
        '-r',
        'add a CLI',
        '--post',
        '--transcript',
        'out.md',
        '--server',
        'https://ghe.example.com',
        '--model',
        'anthropic:claude-sonnet-4-6'
      ])
    ).toEqual({
      kind: 'run',
      command: 'implement',
      target: { owner: 'o', repo: 'r', number: 3, server: null },
      request: 'add a CLI',
      post: true,
      transcript: 'out.md',
      server: 'https://ghe.example.com',
      inputs: { model: 'anthropic:claude-sonnet-4-6' }
    })
  })

  it('prints nothing but posts nothing by default', () => {
    expect(parseCommandLine(['comment', 'o/r#3'])).toMatchObject({
      post: false,
      transcript: null,
      server: null,
      request: ''
    })
  })

  it.each([
    [[], 'Name a command and an issue'],
    [['comment'], 'Name a command and an issue'],
    [['comment', 'o/r'], '"o/r" is not an issue or pull request URL'],
    [['comment', 'o/r#1', 'please', 'hurry'], 'Unexpected "please" "hurry": put what you ask after --request'],
    [['comment', 'o/r#1', '--github-token', 'x'], "Unknown option '--github-token': the token comes from GITHUB_TOKEN"],
    [['comment', 'o/r#1', '--modle', 'x'], "Unknown option '--modle': did you mean --model?"],
    [['comment', 'o/r#1', '--max-step=3'], "Unknown option '--max-step': did you mean --max-steps?"],
    [['comment', 'o/r#1', '--posst'], "Unknown option '--posst': did you mean --post?"],
    [['comment', 'o/r#1', '--frobnicate'], "Unknown option '--frobnicate'."],
    [['comment', 'o/r#1', '--post=yes'], '--post']
  ])('explains what is wrong with %j', (argv, message) => {
    const parsed = parseCommandLine(argv)
    expect(parsed.kind).toBe('usage-error')
    expect(parsed.kind === 'usage-error' && parsed.message).toContain(message)
  })

  it('answers --help and --version, and `help` alone as --help', () => {
    expect(parseCommandLine(['--help'])).toEqual({ kind: 'help' })
    expect(parseCommandLine(['help'])).toEqual({ kind: 'help' })
    expect(parseCommandLine(['Help'])).toEqual({ kind: 'help' })
    // With an issue, help is a request like any other: git-bob answers it there.
    expect(parseCommandLine(['help', 'o/r#1'])).toMatchObject({ kind: 'run', command: 'help' })
    expect(parseCommandLine(['-v'])).toEqual({ kind: 'version' })
  })

  it('offers every input of action.yml as a flag, except the token', () => {
    const action = parse(readFileSync(new URL('../../../action.yml', import.meta.url), 'utf8')) as {
      inputs: Record<string, unknown>
    }
    const inputs = Object.keys(action.inputs).filter((name) => name !== 'github-token')
    expect([...INPUT_FLAGS].sort()).toEqual(inputs.sort())
  })
})
