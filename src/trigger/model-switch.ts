// "<bot> ask <model> to <verb>": may this comment switch to that model? Only to one the repository
// lists in `allowed-models` (an empty list allows none), so a comment cannot run up another
// provider's bill or reach an endpoint the maintainers did not choose. Pure.
import type { AllowedModel } from '../config.ts'
import type { ModelSpec } from '../llm/providers.ts'

export type SwitchDecision = { kind: 'allowed'; spec: ModelSpec } | { kind: 'refused'; message: string }

const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase()

/** Matches a short name, "provider:model" (any provider alias), or a model name only one entry has. */
export function findAllowed(asked: string, allowed: readonly AllowedModel[]): AllowedModel | null {
  const byAlias = allowed.find((a) => a.alias !== null && same(a.alias, asked))
  if (byAlias) return byAlias
  const colon = asked.indexOf(':')
  if (colon > 0) {
    const provider = asked.slice(0, colon)
    const model = asked.slice(colon + 1)
    return (
      allowed.find(
        (a) =>
          (same(a.spec.provider.name, provider) || a.spec.provider.aliases?.some((p) => same(p, provider))) &&
          same(a.spec.model, model)
      ) ?? null
    )
  }
  const byModel = allowed.filter((a) => same(a.spec.model, asked))
  return byModel.length === 1 ? byModel[0]! : null
}

function name(a: AllowedModel): string {
  return a.alias ? `\`${a.alias}\` (${a.spec.id})` : `\`${a.spec.id}\``
}

export function decideSwitch(
  asked: string,
  verb: string,
  allowed: readonly AllowedModel[],
  botName: string
): SwitchDecision {
  if (allowed.length === 0) {
    return {
      kind: 'refused',
      message: `I did not run "${verb}" with \`${asked}\`: this repository does not allow switching models per comment. A maintainer can list the models that may be asked for in the \`allowed-models\` input of the git-bob workflow. Without "ask", I use the configured model.`
    }
  }
  const found = findAllowed(asked, allowed)
  if (found) return { kind: 'allowed', spec: found.spec }
  const example = allowed[0]!.alias ?? allowed[0]!.spec.id
  return {
    kind: 'refused',
    message: `I did not run "${verb}": \`${asked}\` is not among the models this repository allows. Allowed: ${allowed.map(name).join(', ')}. For example: "${botName} ask ${example} to ${verb}".`
  }
}
