// "paint" (also "draw"): the model describes the picture the conversation asks for, the provider's
// image model paints it, and the PNG is committed in a pull request like implement's, shown in its
// description. A provider without an image model gets a clear message and nothing else happens.
import { z } from 'zod'
import { ConfigError, PathEscapeError } from '../errors.ts'
import { fill, forgePlaceholders, PROMPTS } from '../conversation/prompts.ts'
import { conversationMessages } from '../conversation/messages.ts'
import { checkWritePath, pathRules, type PathRules } from '../ports/paths.ts'
import type { ChangeTarget } from './implement/target.ts'
import { paintPicture, type MediaWritten } from './implement/write-media.ts'
import type { ChangePorts, ConversationContext, Outcome } from './types.ts'

export const paintSchema = z.object({
  title: z.string().describe('the pull request title'),
  summary: z.string().describe('what the picture shows and what it is for'),
  path: z.string().describe('where the PNG goes, relative to the repository root, ending in .png'),
  prompt: z.string().describe('the detailed description for the image model')
})

/** A free `.png` path near the one asked for: "x.png", else "x-2.png", ... */
async function freePath(path: string, exists: (path: string) => Promise<boolean>): Promise<string> {
  const base = path.replace(/\.[A-Za-z0-9]+$/, '')
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? `${base}.png` : `${base}-${n}.png`
    if (!(await exists(candidate))) return candidate
  }
}

export async function paint(ctx: ConversationContext): Promise<Outcome> {
  const image = ctx.media?.image
  if (!image?.ok)
    return {
      kind: 'reply',
      body: `I can't paint here: ${image && !image.ok ? image.reason : 'no image model is configured'}.`
    }
  const ports = checkedOut(ctx)
  const decision = await ports.prepare('pull-request')
  if (!decision.ok) return { kind: 'reply', body: `I can't paint this here: ${decision.reason}` }
  const ignoreFile = await ports.workspace.read('.gitbobignore')
  const rules = pathRules(ignoreFile.kind === 'text' ? ignoreFile.text : null)
  const asked = await describePicture(ctx)
  const { path, problems } = await placePicture(asked.path, rules, ports)
  return paintAndPropose(ctx, ports, decision.target, asked, path, problems)
}

type PictureRequest = z.infer<typeof paintSchema>

function checkedOut(ctx: ConversationContext): ChangePorts {
  const ports = ctx.changes
  if (!ports)
    throw new ConfigError(
      'The paint command commits the picture, so it needs the repository checked out: add `- uses: actions/checkout@v5` (with `persist-credentials: false`) before git-bob in the workflow, as in examples/git-bob.yml.'
    )
  return ports
}

async function describePicture(ctx: ConversationContext): Promise<PictureRequest> {
  const { value } = await ctx.model.generateObject({
    purpose: 'describe the picture',
    messages: conversationMessages(ctx, fill(PROMPTS.paint, forgePlaceholders(ctx.forge))),
    schema: paintSchema,
    schemaName: 'picture_request'
  })
  return value
}

/** Where the picture goes: the path asked for if it may be written, else a default; free either way. */
async function placePicture(
  asked: string,
  rules: PathRules,
  ports: ChangePorts
): Promise<{ path: string; problems: string[] }> {
  // The path is checked as it will be written, with its .png ending (.gitbobignore may name "*.png").
  const checked = checkWritePath(asked.replace(/\.[A-Za-z0-9]+$/, '') + '.png', rules)
  const wanted = checked.ok ? checked.path : 'images/picture.png'
  const path = await freePath(wanted, async (p) => (await ports.workspace.read(p)).kind !== 'missing')
  const problems = checked.ok
    ? []
    : [`The picture could not go to \`${asked}\` (${checked.reason}), so it is in \`${path}\`.`]
  return { path, problems }
}

async function paintAndPropose(
  ctx: ConversationContext,
  ports: ChangePorts,
  target: ChangeTarget,
  asked: PictureRequest,
  path: string,
  problems: string[]
): Promise<Outcome> {
  const action = { action: 'create' as const, path, source: null, reason: asked.summary }
  let written: MediaWritten
  try {
    written = await paintPicture(
      ctx,
      ports,
      action,
      `Paint the picture described here:\n\n${asked.prompt}`,
      asked.prompt
    )
  } catch (error) {
    if (error instanceof PathEscapeError) return { kind: 'reply', body: `I can't paint this: ${error.message}` }
    throw error
  }
  if (!written.ok) return { kind: 'reply', body: `I could not paint this: ${written.problem}.` }
  return proposal(target, asked, path, written, problems)
}

/** The pull request with the picture in it. */
function proposal(
  target: ChangeTarget,
  asked: PictureRequest,
  path: string,
  written: { note: string; details: string | null },
  problems: string[]
): Outcome {
  return {
    kind: 'changes',
    target,
    title: asked.title.trim().slice(0, 120) || 'A picture requested by a maintainer',
    summary: asked.summary,
    files: [
      {
        path,
        action: 'create',
        source: null,
        note: written.note,
        ...(written.details ? { details: written.details } : {})
      }
    ],
    problems,
    // A picture has nothing the repository's checks could test.
    checks: null
  }
}
