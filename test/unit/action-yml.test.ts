// action.yml is what GitHub reads: it must be valid YAML and declare every input git-bob reads; the inputs
// table of docs/configuration.md documents each of them, and no other.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { COMMANDS } from '../../src/commands/registry.ts'
import {
  readBudgetConfig,
  readDeployConfig,
  readFixChecksAttempts,
  readGateConfig,
  readRunConfig,
  readTriageMaxIssues
} from '../../src/config.ts'
import { PROVIDERS } from '../../src/llm/providers.ts'

const root = new URL('../../', import.meta.url)
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as {
  inputs: Record<string, { description: string; default?: string }>
  outputs: Record<string, { description: string }>
  runs: { using: string; main: string }
}
const configuration = readFileSync(new URL('docs/configuration.md', root), 'utf8')
/** The inputs the reference's table documents: its rows' first cells. */
const documented = [...configuration.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!)

function inputsRead(): string[] {
  const names = new Set<string>()
  const reader = (name: string): string => {
    names.add(name)
    return name === 'github-token' ? 't' : ''
  }
  readGateConfig(reader)
  readRunConfig(reader)
  readDeployConfig(reader)
  readTriageMaxIssues(reader)
  readFixChecksAttempts(reader)
  readBudgetConfig(reader)
  for (const p of PROVIDERS) if (p.keyInput) names.add(p.keyInput)
  return [...names].sort()
}

describe('action.yml', () => {
  it('is valid YAML for a node24 action with dist/index.js', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it('declares every input git-bob reads, each with a description', () => {
    for (const name of inputsRead()) {
      expect(action.inputs, name).toHaveProperty(name)
      expect(action.inputs[name]!.description.length, name).toBeGreaterThan(20)
    }
  })

  it('declares no input git-bob does not read', () => {
    expect(Object.keys(action.inputs).sort()).toEqual(inputsRead())
  })

  it('documents every input in docs/configuration.md, and no input action.yml does not declare', () => {
    expect([...documented].sort()).toEqual(Object.keys(action.inputs).sort())
  })

  it('documents each input once', () => {
    expect(new Set(documented).size).toBe(documented.length)
  })

  it('names every command in the description of the command output', () => {
    const described = /\(([^)]*)\)/.exec(action.outputs.command!.description)![1]!.split(/,\s*/)
    expect(described.sort()).toEqual(COMMANDS.map((c) => c.name).sort())
  })
})
