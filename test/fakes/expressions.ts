// GitHub's own expression evaluator (@actions/expressions), for the tests of the workflow files.
import { Evaluator, Lexer, Parser, data } from '@actions/expressions'

/** Evaluates an expression (without `${{ }}`) the way GitHub does, with the given contexts. */
export function evaluate(expression: string, contexts: Record<string, unknown>): unknown {
  const tokens = new Lexer(expression).lex().tokens
  const tree = new Parser(tokens, Object.keys(contexts), []).parse()
  const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary
  const result = new Evaluator(tree, context).evaluate()
  return JSON.parse(JSON.stringify(result, data.replacer)) as unknown
}

/** The expression inside `${{ ... }}`. */
export function inside(value: string): string {
  return /^\$\{\{(.*)\}\}$/s.exec(value)![1]!
}
