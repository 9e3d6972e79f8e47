// A stand-in for the Actions runner: it keeps the workflow commands a step issues (log lines, ::warning,
// ::error, ::add-mask::, outputs, the job summary) as the runner's log would show them.
import type { Runner } from '../../src/wiring/actions.ts'

// The escaping @actions/core applies to workflow commands.
const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** A runner that keeps what a step issues instead of printing it. */
export function capturingRunner(): Runner & { lines: string[]; summary: string; outputs: Record<string, string> } {
  const captured = {
    lines: [] as string[],
    summary: '',
    outputs: {} as Record<string, string>,
    info: (message: string) => void captured.lines.push(message),
    warning: (message: string) => void captured.lines.push(`::warning::${escapeData(message)}`),
    error: (message: string, title?: string) =>
      void captured.lines.push(`::error${title ? ` title=${escapeProperty(title)}` : ''}::${escapeData(message)}`),
    setOutput: (name: string, value: string) => void (captured.outputs[name] = value),
    setSecret: (value: string) => void captured.lines.push(`::add-mask::${escapeData(value)}`),
    appendSummary: async (markdown: string) => void (captured.summary += `${markdown}\n`)
  }
  return captured
}
