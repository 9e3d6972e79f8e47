// What run() takes (the environment and the adapters main.ts wires) and what it returns. Kept apart
// from run.ts so that the stages below it can name these types without importing run.ts.
import type { JupyterRunner } from './adapters/jupyter/execute.ts'
import type { SandboxChecks } from './adapters/sandbox/checks.ts'
import type { SandboxSettings } from './ports/sandbox.ts'
import type { GitHub } from './ports/github.ts'
import type { GitCredentials } from './adapters/git/git.ts'
import type { GitWorkspace } from './adapters/git/workspace.ts'
import type { InputReader } from './config.ts'
import type { ModelSettings } from './llm/index.ts'
import type { Credentials, ModelSpec } from './llm/providers.ts'
import type { LanguageModel } from './llm/types.ts'
import type { Logger } from './ports/run.ts'



export interface Adapters {
  log: Logger
  readInput: InputReader
  connectGitHub(token: string, repo: { owner: string; repo: string }): Promise<GitHub>
  /** One model, or a fallback chain of several. */
  createModel(specs: readonly ModelSpec[], credentials: Credentials, settings: ModelSettings): LanguageModel
  writeSummary(markdown: string): Promise<void>
  setOutput(name: string, value: string): void
  /** Called with every secret value, so the runner masks it in the log too. */
  maskSecret(value: string): void
  /** The checkout in `dir` the change is written into; null when there is none. */
  openWorkspace(dir: string, credentials: GitCredentials): GitWorkspace | null
  /** Runs notebooks with Jupyter in the sandbox (adapters/sandbox: a box of its own, a copy, no secrets). */
  notebookRunner(options: { sandbox: SandboxSettings; setup: string | null }): JupyterRunner
  /** Runs the repository's checks in the sandbox (adapters/sandbox/checks.ts). */
  checkRunner(sandbox: SandboxSettings): SandboxChecks
}


