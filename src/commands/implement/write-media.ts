// Files that are not text, written from what the model says in structured form: slides, documents
// and workbooks (built by media/write-office.ts), an existing deck or document reworded in place, a
// recording (the model writes the words, the speech model speaks them), a picture (the model writes
// the prompt, the image model paints it). Every file is opened again before it is written; one that
// does not open goes back to the model once.
import { z } from 'zod'
import { fill, forgePlaceholders, PROMPTS } from '../../conversation/prompts.ts'
import { DEFAULT_DOCUMENT_LIMITS } from '../../conversation/documents.ts'
import { fenced } from '../../ports/fenced.ts'
import { askUntilValid, type Validation } from '../../llm/ask-until-valid.ts'
import type { Speech } from '../../llm/media.ts'
import {
  checkOffice,
  officeKind,
  openParts,
  paragraphsOf,
  rewriteParagraphs,
  slideParts,
  xmlText,
  zipParts,
  type OfficeKind,
  type Parts
} from '../../media/office-xml.ts'
import {
  deckSchema,
  documentSchema,
  rewriteSchema,
  speechSchema,
  workbookSchema,
  type Deck
} from '../../media/schemas.ts'
import type { Built, ImageLoader } from '../../media/write-office.ts'
import { agrees, counted } from '../../plural.ts'
import { conversationMessages } from '../../conversation/messages.ts'
import type { ChangePorts, ConversationContext } from '../types.ts'
import { mayRead, type PathRules } from '../../ports/paths.ts'
import { changeContext, type PlannedAction } from './plan.ts'
import type { PlannedTurn, Turn } from './turn.ts'

export type MediaFileKind = OfficeKind | 'speech' | 'picture'

/** Which files this module writes: Office files, .mp3/.wav recordings, new .png pictures. Pure. */
export function mediaFileKind(path: string): MediaFileKind | null {
  const office = officeKind(path)
  if (office) return office
  if (/\.(mp3|wav)$/i.test(path)) return 'speech'
  if (/\.png$/i.test(path)) return 'picture'
  return null
}

export type MediaWritten =
  { ok: true; note: string; text: string | null; details: string | null } | { ok: false; problem: string }

const FORMAT: Record<MediaFileKind, string> = {
  pptx: 'a PowerPoint deck: slides with titles, bullet points, pictures and speaker notes',
  docx: 'a Word document: headings, paragraphs, lists, tables and pictures',
  xlsx: 'an Excel workbook: sheets of rows, numbers as numbers, formulas where they help',
  speech: 'a recording: write the words to be spoken; a speech model reads them aloud',
  picture: 'a picture: write the prompt for an image model, describing the picture in detail'
}

const TEMPLATE = 'slide_template.pptx'

export const pictureSchema = z.object({
  prompt: z.string().describe('what to paint: subject, style, composition, colours, any text in the picture'),
  note: z.string().describe('one line: what this picture shows')
})

function isPng(bytes: Uint8Array): boolean {
  return bytes.length > 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47
}

function looksLikeAudio(bytes: Uint8Array, format: 'mp3' | 'wav'): boolean {
  if (format === 'wav') return Buffer.from(bytes.subarray(0, 4)).toString('latin1') === 'RIFF'
  const id3 = bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33
  return id3 || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)
}

/**
 * An existing file whose text the model would have to read whole (and, for a workbook, write back whole): beyond
 * the characters of one attached document, the prompt would crowd out the rest and the answer would be cut.
 */
function tooMuchText(text: string): string | null {
  const limit = DEFAULT_DOCUMENT_LIMITS.maxChars
  return text.length > limit
    ? `its text has more than the ${limit.toLocaleString('en-US')} characters git-bob hands the model to change a file of this kind; change it with a notebook or a script instead`
    : null
}

function tooLarge(size: number, limit: number): string | null {
  return size > limit
    ? `the file would have ${size.toLocaleString('en-US')} bytes, more than the limit of ${limit.toLocaleString('en-US')} (from the \`max-file-bytes\` input)`
    : null
}

/** Creates or modifies one non-text file in the workspace; or says why it was not written. */
export async function writeMediaFile(
  turn: PlannedTurn,
  action: PlannedAction & { action: 'create' | 'modify' },
  kind: MediaFileKind
): Promise<MediaWritten> {
  const { ctx, ports, plan, written } = turn
  const current = await ports.workspace.read(action.path)
  if (action.action === 'modify' && current.kind === 'missing')
    return { ok: false, problem: 'it does not exist, so it cannot be modified' }
  const context = changeContext(plan, written)
  const task = (extra = ''): string =>
    fill(PROMPTS.implementMedia, {
      ...forgePlaceholders(ctx.forge),
      path: action.path,
      action: action.action === 'create' ? 'a new file' : 'an existing file',
      format: FORMAT[kind],
      reason: action.reason,
      context: extra ? `${context}\n\n${extra}` : context
    })
  if (kind === 'speech') return speech(ctx, ports, action, task())
  if (kind === 'picture') {
    if (current.kind !== 'missing') return { ok: false, problem: 'an existing picture is not repainted' }
    return paintPicture(ctx, ports, action, task())
  }
  const existing = current.kind === 'binary' ? current.bytes : null
  // Its text would go to the model, and what comes back could not be written either.
  if (existing && existing.length > ports.limits.maxFileBytes)
    return {
      ok: false,
      problem: `it has ${existing.length.toLocaleString('en-US')} bytes, more than the limit of ${ports.limits.maxFileBytes.toLocaleString('en-US')} for a file git-bob writes (from the \`max-file-bytes\` input), so it was not read or changed`
    }
  if (existing && kind !== 'xlsx') return rewrite(turn, action, kind, existing, task)
  return office(turn, action, kind, existing, task)
}

async function ask<T extends { note: string }, R>(
  ctx: ConversationContext,
  purpose: string,
  task: string,
  asked: { schema: z.ZodType<T>; schemaName: string },
  check: (value: T) => Promise<Validation<R>>
) {
  return askUntilValid(ctx.model, { purpose, messages: conversationMessages(ctx, task), ...asked }, check, {
    rounds: 1,
    feedback: (problem) => `The file built from this content is not valid: ${problem}. Return corrected content.`
  })
}

/** A builder of decks, on the repository's slide template. */
type DeckBuilder = (deck: Deck, images: ImageLoader) => Promise<Built>

/**
 * The repository's slide template, opened, as a builder of decks on it; null (and the reason in the
 * notes) when there is none or it cannot be used, so the deck is built from scratch.
 */
async function slideTemplate(ports: ChangePorts, notes: string[]): Promise<DeckBuilder | null> {
  const file = await ports.workspace.read(TEMPLATE).catch(() => null)
  if (!file || file.kind === 'missing') return null
  const { openTemplate } = await import('../../media/slide-template.ts')
  const opened = file.kind === 'binary' ? openTemplate(file.bytes) : { ok: false as const, reason: 'it is a text file' }
  if (!opened.ok) {
    notes.push(
      `The repository's \`${TEMPLATE}\` was not used (${opened.reason}): the slides were built from scratch and have pptxgenjs's default look.`
    )
    return null
  }
  const { fillTemplate } = await import('../../media/fill-template.ts')
  const dropped = opened.template.slides.length
  notes.push(
    `The deck starts from the repository's \`${TEMPLATE}\`: its slide masters, layouts and theme are kept${dropped ? `; its own ${counted(dropped, 'slide')} ${agrees(dropped, 'was', 'were')} left out` : ''}.`
  )
  return (deck, images) => fillTemplate(opened.template, deck, images)
}

/** A new deck, document or workbook (or a workbook rebuilt) from the model's structured content. */
async function office(
  turn: Turn,
  action: PlannedAction,
  kind: OfficeKind,
  existing: Uint8Array | null,
  task: (extra?: string) => string
): Promise<MediaWritten> {
  const { ports } = turn
  const { readOffice } = await import('../../media/read-office.ts')
  const notes: string[] = []
  if (existing)
    notes.push(
      'The workbook was built anew from its content: the original formatting, charts and column widths were not kept.'
    )
  const template = kind === 'pptx' ? await slideTemplate(ports, notes) : null
  // Read only as far as the model may get it: past that, tooMuchText refuses the file anyway.
  const current = existing ? readOffice(kind, existing, DEFAULT_DOCUMENT_LIMITS.maxChars) : ''
  const tooLong = tooMuchText(current)
  if (tooLong) return { ok: false, problem: tooLong }
  const extra = existing ? `# Current content of ${action.path}\n\n${fenced(current)}` : ''
  const result = await askForOffice(turn, action, kind, task(extra), template)
  if (!result.ok)
    return { ok: false, problem: `the model's content did not make a valid file twice (${result.problem})` }
  await ports.workspace.write(action.path, result.value.bytes)
  if (result.value.lost.length) notes.push(`Left out: ${result.value.lost.join('; ')}.`)
  return {
    ok: true,
    note: result.reply.value.note,
    text: readOffice(kind, result.value.bytes),
    details: notes.length ? notes.join('\n') : null
  }
}

/** The model's content for the file, in the schema of its kind, asked until the file built from it is valid. */
async function askForOffice(
  { ctx, ports, rules }: Turn,
  action: PlannedAction,
  kind: OfficeKind,
  prompt: string,
  template: DeckBuilder | null
) {
  const { buildDeck, buildDocument, buildWorkbook } = await import('../../media/write-office.ts')
  const images = imagesFor(ports, rules)
  const check = builtCheck(kind, ports)
  const purpose = `write ${action.path}`
  // Every text the model wrote into the file passes the secret mask, as a text file's content does.
  const masked = <T>(value: T): T => maskStrings(value, (text) => ports.redact(text))
  if (kind === 'pptx')
    return ask(ctx, purpose, prompt, { schema: deckSchema, schemaName: 'slides' }, async (v) =>
      check(await (template ? template(masked(v), images) : buildDeck(masked(v), images)))
    )
  if (kind === 'docx')
    return ask(ctx, purpose, prompt, { schema: documentSchema, schemaName: 'document' }, async (v) =>
      check(await buildDocument(masked(v), images))
    )
  return ask(ctx, purpose, prompt, { schema: workbookSchema, schemaName: 'workbook' }, async (v) =>
    check(await buildWorkbook(masked(v)))
  )
}

/** The pictures the model names: only files it may read go in (not .git, not what .gitbobignore hides). */
function imagesFor(ports: ChangePorts, rules: PathRules): ImageLoader {
  return async (path) => {
    if (!mayRead(path, rules)) return null
    const file = await ports.workspace.read(path).catch(() => null)
    return file?.kind === 'binary' ? file.bytes : null
  }
}

/** A built file is accepted when it opens again and is not too large to write. */
function builtCheck(kind: OfficeKind, ports: ChangePorts): (built: Built) => Promise<Validation<Built>> {
  return async (built) => {
    const broken = checkOffice(kind, built.bytes)
    if (broken) return { ok: false, problem: broken }
    const size = tooLarge(built.bytes.length, ports.limits.maxFileBytes)
    return size ? { ok: false, problem: size } : { ok: true, value: built }
  }
}

type Rewrite = z.infer<typeof rewriteSchema>

/** One paragraph as the model is shown it, numbered: the part it is in and its place there. */
interface Unit {
  name: string
  index: number
  text: string
}

interface Rewritten {
  bytes: Uint8Array
  mixed: number
  changed: number
}

/** An existing deck or document reworded (translated, corrected) paragraph by paragraph, in place. */
async function rewrite(
  { ctx, ports }: Turn,
  action: PlannedAction,
  kind: 'docx' | 'pptx',
  existing: Uint8Array,
  task: (extra?: string) => string
): Promise<MediaWritten> {
  const { readOffice } = await import('../../media/read-office.ts')
  const opened = openedParts(kind, existing)
  if (!opened.ok) return opened
  const parts = opened.value
  const units = paragraphUnits(kind, parts)
  const listing = numberedListing(units)
  const tooLong = tooMuchText(listing)
  if (tooLong) return { ok: false, problem: tooLong }
  const extra = `# The paragraphs of ${action.path}, numbered\n\nReturn only those that change, by number, with their whole new text. The layout, pictures and formatting stay as they are; paragraphs are neither added nor removed.\n\n${fenced(listing)}`
  const result = await ask(
    ctx,
    `rewrite ${action.path}`,
    task(extra),
    { schema: rewriteSchema, schemaName: 'rewrite' },
    async (value) => checkRewrite(kind, parts, units, value, ports)
  )
  if (!result.ok)
    return { ok: false, problem: `the model's changes did not make a valid file twice (${result.problem})` }
  if (!result.value.changed) return { ok: false, problem: 'the model changed no paragraph' }
  await ports.workspace.write(action.path, result.value.bytes)
  return {
    ok: true,
    note: result.reply.value.note,
    text: readOffice(kind, result.value.bytes),
    details: rewriteDetails(kind, result.value.mixed)
  }
}

function openedParts(kind: 'docx' | 'pptx', existing: Uint8Array): Validation<Parts> {
  try {
    return { ok: true, value: openParts(kind, existing) }
  } catch (error) {
    return { ok: false, problem: `it cannot be opened as a ${kind} file (${(error as Error).message})` }
  }
}

/** Every paragraph of the document, or of each slide and its speaker notes, in order. */
function paragraphUnits(kind: 'docx' | 'pptx', parts: Parts): Unit[] {
  const names =
    kind === 'docx'
      ? ['word/document.xml']
      : slideParts(parts).flatMap((s) => (s.notes ? [s.slide, s.notes] : [s.slide]))
  return names.flatMap((name) =>
    paragraphsOf(kind, xmlText(parts, name) ?? '').map((p, index) => ({ name, index, text: p.text }))
  )
}

/** The paragraphs with text, each with its number in the list. */
function numberedListing(units: Unit[]): string {
  return units
    .map((u, i) => ({ i, text: u.text, name: u.name }))
    .filter((u) => u.text.trim())
    .map((u) => `[${u.i}]${u.name.includes('notesSlide') ? ' (speaker notes)' : ''} ${u.text}`)
    .join('\n')
}

/** The file with the model's paragraphs in place, if every number is one and the file opens again. */
function checkRewrite(
  kind: 'docx' | 'pptx',
  parts: Parts,
  units: Unit[],
  value: Rewrite,
  ports: ChangePorts
): Validation<Rewritten> {
  const wrong = value.paragraphs.find((p) => !units[p.index])
  if (wrong) return { ok: false, problem: `there is no paragraph number ${wrong.index}` }
  const byPart = changesByPart(units, value.paragraphs, (text) => ports.redact(text))
  let mixed = 0
  const replaced: Record<string, string> = {}
  for (const [name, changes] of byPart) {
    const out = rewriteParagraphs(kind, xmlText(parts, name) ?? '', changes)
    replaced[name] = out.xml
    mixed += out.mixed
  }
  const bytes = zipParts(parts, replaced)
  const broken = checkOffice(kind, bytes) ?? tooLarge(bytes.length, ports.limits.maxFileBytes)
  return broken
    ? { ok: false, problem: broken }
    : { ok: true, value: { bytes, mixed, changed: value.paragraphs.length } }
}

/** The new texts, masked, by the part they go in and their place there. */
function changesByPart(
  units: Unit[],
  paragraphs: Rewrite['paragraphs'],
  redact: (text: string) => string
): Map<string, Map<number, string>> {
  const byPart = new Map<string, Map<number, string>>()
  for (const p of paragraphs) {
    const unit = units[p.index]
    if (!unit) continue
    const changes = byPart.get(unit.name) ?? new Map<number, string>()
    changes.set(unit.index, redact(p.text))
    byPart.set(unit.name, changes)
  }
  return byPart
}

/** What was kept and what was lost in a file changed in place. */
function rewriteDetails(kind: 'docx' | 'pptx', mixed: number): string {
  const lost = [
    `The ${kind === 'pptx' ? 'deck' : 'document'} was changed in place, paragraph by paragraph: its layout, pictures, styles and ${kind === 'pptx' ? 'slides' : 'tables'} are kept.`
  ]
  if (mixed)
    lost.push(
      `Lost: the formatting inside ${mixed} changed paragraph${mixed === 1 ? '' : 's'} that mixed several formats (bold words, links, colours); each new text takes its paragraph's first format.`
    )
  if (kind === 'docx') lost.push('Headers, footers, footnotes and comments were not changed.')
  return lost.join('\n')
}

/** Says that git-bob, not the model, made the file from the model's raw audio (Gemini); pure. */
function encodedNote(audio: Speech): string | null {
  if (!audio.encoded) return null
  const khz = `${audio.encoded.sampleRate / 1000} kHz`
  return audio.encoded.kbps
    ? `${audio.model} spoke raw 16-bit PCM (${khz}, mono); git-bob encoded it as MP3 (${audio.encoded.kbps} kbit/s) with lamejs.`
    : `${audio.model} spoke raw 16-bit PCM (${khz}, mono); git-bob wrote it into a WAV file as it is.`
}

async function speech(
  ctx: ConversationContext,
  ports: ChangePorts,
  action: PlannedAction,
  task: string
): Promise<MediaWritten> {
  const media = ctx.media
  if (!media?.speech.ok)
    return {
      ok: false,
      problem: `no speech model: ${media?.speech.ok === false ? media.speech.reason : 'none is configured'}`
    }
  const format = action.path.toLowerCase().endsWith('.wav') ? 'wav' : 'mp3'
  const result = await askUntilValid(
    ctx.model,
    {
      purpose: `script for ${action.path}`,
      messages: conversationMessages(ctx, task),
      schema: speechSchema,
      schemaName: 'speech'
    },
    (value) =>
      value.text.trim() ? { ok: true, value: value.text.trim() } : { ok: false, problem: 'the text is empty' },
    { rounds: 1, feedback: (problem) => `${problem}. Return the words to be spoken.` }
  )
  if (!result.ok) return { ok: false, problem: result.problem }
  const spoken = ports.redact(result.value)
  const audio = await media.speak(spoken, format)
  if (!looksLikeAudio(audio.bytes, format))
    return { ok: false, problem: `${audio.model} did not return ${format.toUpperCase()} audio` }
  const size = tooLarge(audio.bytes.length, ports.limits.maxFileBytes * 50)
  if (size) return { ok: false, problem: size }
  await ports.workspace.write(action.path, audio.bytes)
  const quoted = spoken
    .split('\n')
    .map((l) => `> ${l}`)
    .join('\n')
  return {
    ok: true,
    note: `${result.reply.value.note} (spoken by ${audio.model})`,
    text: spoken,
    details: [encodedNote(audio), `The spoken text:\n\n${quoted}`].filter(Boolean).join('\n\n')
  }
}

/** A picture painted by the image model from the prompt the language model writes. */
export async function paintPicture(
  ctx: ConversationContext,
  ports: ChangePorts,
  action: PlannedAction,
  task: string,
  /** The prompt when it is already written (the paint command); else the model writes it. */
  given: string | null = null
): Promise<MediaWritten> {
  const media = ctx.media
  if (!media?.image.ok)
    return {
      ok: false,
      problem: `no image model: ${media?.image.ok === false ? media.image.reason : 'none is configured'}`
    }
  const result = given
    ? { value: { prompt: given, note: action.reason } }
    : await ctx.model.generateObject({
        purpose: `prompt for ${action.path}`,
        messages: conversationMessages(ctx, task),
        schema: pictureSchema,
        schemaName: 'picture'
      })
  const image = await media.paint(ports.redact(result.value.prompt))
  if (!isPng(image.bytes)) return { ok: false, problem: `${image.model} did not return a PNG image` }
  const size = tooLarge(image.bytes.length, ports.limits.maxFileBytes * 50)
  if (size) return { ok: false, problem: size }
  await ports.workspace.write(action.path, image.bytes)
  return {
    ok: true,
    note: `${result.value.note} (painted by ${image.model})`,
    text: null,
    details: `The prompt for the image model:\n\n> ${result.value.prompt.replace(/\n/g, '\n> ')}`
  }
}

/** The value with every string in it (at any depth) masked; numbers, booleans and the shape are kept. */
function maskStrings<T>(value: T, redact: (text: string) => string): T {
  if (typeof value === 'string') return redact(value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => maskStrings(v, redact)) as T
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v as unknown, redact)])) as T
  return value
}
