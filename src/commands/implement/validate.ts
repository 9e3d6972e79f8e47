// Checks text files where a parser is at hand, before they are committed. Pure.
import { XMLValidator } from 'fast-xml-parser'
import { parseAllDocuments } from 'yaml'

/** Null when the content parses (or no parser applies), else what is wrong. */
export function validateText(path: string, content: string): string | null {
  const lower = path.toLowerCase()
  if (lower.endsWith('.json') || lower.endsWith('.geojson')) {
    try {
      JSON.parse(content)
      return null
    } catch (error) {
      return `invalid JSON: ${error instanceof Error ? error.message : String(error)}`
    }
  }
  if (lower.endsWith('.yml') || lower.endsWith('.yaml') || lower.endsWith('.cff')) {
    const problem = parseAllDocuments(content)
      .flatMap((doc) => doc.errors)
      .at(0)
    return problem ? `invalid YAML: ${problem.message.split('\n')[0]}` : null
  }
  if (lower.endsWith('.svg') || lower.endsWith('.xml')) {
    const result = XMLValidator.validate(content)
    if (result !== true) return `invalid XML: ${result.err.msg} (line ${result.err.line})`
    if (lower.endsWith('.svg') && !/<svg[\s>]/.test(content)) return 'invalid SVG: there is no <svg> element'
    return null
  }
  return null
}
