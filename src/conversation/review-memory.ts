// The review memory (ports/paths.ts's REVIEW_MEMORY_FILE): rules the maintainers decided, one list item each,
// which every review reads and does not raise. Its format is read and written here (pure); the file is read
// from the default branch only, never from a pull request's head, where an author could rewrite it.
import { REVIEW_MEMORY_FILE } from '../ports/paths.ts'
import type { TriggerEvent } from '../trigger/event.ts'
import type { Command } from '../trigger/grammar.ts'

/** One rule as `remember` adds it: the words, who asked, and where. */
export interface RememberedRule {
  rule: string
  by: string
  url: string
}

/** The first lines of a memory file git-bob creates. */
export function memoryHeader(botName: string): string {
  return [
    "# git-bob's review memory",
    '',
    "What the maintainers decided. git-bob's reviews read this list from the default branch and do not raise",
    `what a rule excludes. Add a rule with \`${botName} remember: <rule>\` (it opens a pull request), or edit this`,
    'file in a pull request like any other. One rule per list item.',
    ''
  ].join('\n')
}

const ITEM = /^ {0,3}[-*+] +(.*)$/
const CONTINUATION = /^ {2,}\S/
const FENCE = /^ {0,3}(```|~~~)/
// What `remember` writes after the rule: who asked, and where.
const PROVENANCE = /\s+—\s+asked by @[\w-]+(?:\[bot\])? in \S+\s*$/

/** The rules of a memory file, in order: each list item's text without its provenance; code blocks skipped. */
export function parseReviewMemory(text: string): string[] {
  const rules: string[] = []
  let current: string | null = null
  let inFence = false
  const end = (): void => {
    const rule = current?.replace(PROVENANCE, '').replace(/\s+/g, ' ').trim()
    if (rule) rules.push(rule)
    current = null
  }
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (FENCE.test(line)) {
      end()
      inFence = !inFence
      continue
    }
    if (inFence) continue
    const item = ITEM.exec(line)
    if (item) {
      end()
      current = item[1]!
    } else if (current !== null && CONTINUATION.test(line)) current += ` ${line.trim()}`
    else end()
  }
  end()
  return rules
}

/** One list item as `remember` writes it. */
export function ruleItem(rule: RememberedRule): string {
  return `- ${rule.rule} — asked by @${rule.by} in ${rule.url}`
}

const same = (a: string, b: string): boolean =>
  a.replace(/\s+/g, ' ').trim().toLowerCase() === b.replace(/\s+/g, ' ').trim().toLowerCase()

/**
 * The memory file with the rule added as its last item (created with the header when absent); null when the
 * file holds that rule already.
 */
export function withRule(existing: string | null, rule: RememberedRule, botName: string): string | null {
  const text = (existing ?? '').replace(/\r\n?/g, '\n').trimEnd()
  if (parseReviewMemory(text).some((r) => same(r, rule.rule))) return null
  if (!text) return `${memoryHeader(botName)}\n${ruleItem(rule)}\n`
  // After a list item (or its continuation) the new item joins that list; after anything else, a new one starts.
  const last = text.split('\n').at(-1)!
  const joins = ITEM.test(last) || CONTINUATION.test(last)
  return `${text}\n${joins ? '' : '\n'}${ruleItem(rule)}\n`
}

/** Reads a file's text at a ref; null when it does not exist (the GitHub port's fileText). */
export type ReadAt = (path: string, ref: string) => Promise<string | null>

/** The memory's rules for a review, read from the default branch; none for any other command. */
export async function loadReviewMemory(read: ReadAt, event: TriggerEvent, command: Command): Promise<string[]> {
  if (command.kind !== 'known' || command.verb !== 'review' || event.target.kind !== 'pull_request') return []
  const text = await read(REVIEW_MEMORY_FILE, event.repo.defaultBranch)
  return text === null ? [] : parseReviewMemory(text)
}
