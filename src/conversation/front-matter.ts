// A scoped instruction file's front matter (`.github/instructions/*.instructions.md`): its `applyTo` globs, read
// with the YAML library, which is loaded with this module when the first scoped file is found. Pure.
import { parse } from 'yaml'
import { z } from 'zod'

const FrontMatter = z.looseObject({ applyTo: z.union([z.string(), z.array(z.string())]).optional() })

/**
 * A scoped file's `applyTo` globs (null: it applies always) and its text after the front matter. Front matter
 * that is not a YAML mapping with a string or list `applyTo` applies always, as a file without it would.
 */
export function readFrontMatter(text: string): { applyTo: string[] | null; body: string } {
  const match = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/.exec(text)
  if (!match) return { applyTo: null, body: text }
  const body = text.slice(match[0].length)
  let parsed: unknown
  try {
    parsed = parse(match[1]!)
  } catch {
    return { applyTo: null, body }
  }
  const front = FrontMatter.safeParse(parsed)
  if (!front.success || front.data.applyTo === undefined) return { applyTo: null, body }
  const globs = [front.data.applyTo]
    .flat()
    .flatMap((g) => g.split(','))
    .map((g) => g.trim().replace(/^\/+/, ''))
    .filter(Boolean)
  return { applyTo: globs.length ? globs : null, body }
}
