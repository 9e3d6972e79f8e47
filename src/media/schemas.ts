// What the model writes for an Office file: structured content, one zod schema per format. The
// builders (write-office.ts) turn it into the file; code never takes raw bytes from the model.
import { z } from 'zod'

const imagePath = z
  .string()
  .describe('a PNG or JPEG file that exists in the repository (or is written earlier in this change), by its path')

export const deckSchema = z.object({
  title: z.string().describe('the title of the presentation'),
  slides: z
    .array(
      z.object({
        title: z.string(),
        bullets: z.array(z.string()).describe('the bullet points, short; empty for a title or picture slide'),
        image: imagePath.nullable().describe('one picture for this slide by its repository path, or null'),
        notes: z.string().describe('speaker notes: what to say on this slide; may be empty')
      })
    )
    .min(1),
  note: z.string().describe('one line: what this file does or what changed')
})

const block = z.object({
  kind: z.enum(['heading', 'paragraph', 'bullets', 'numbered', 'table', 'image']),
  level: z.number().int().min(1).max(4).nullable().describe('heading: 1 (largest) to 4; otherwise null'),
  text: z.string().nullable().describe('heading, paragraph: the text (paragraph may use **bold**); otherwise null'),
  items: z.array(z.string()).nullable().describe('bullets, numbered: the list items; otherwise null'),
  rows: z.array(z.array(z.string())).nullable().describe('table: rows of cells, the first row is the header'),
  image: imagePath.nullable().describe('image: its repository path; otherwise null')
})

export const documentSchema = z.object({
  title: z.string().describe('the document title (its metadata; start the blocks with a heading to show it)'),
  blocks: z.array(block).min(1),
  note: z.string().describe('one line: what this file does or what changed')
})

export const workbookSchema = z.object({
  sheets: z
    .array(
      z.object({
        name: z.string().describe('the sheet name, at most 31 characters, none of : \\ / ? * [ ]'),
        rows: z
          .array(z.array(z.union([z.string(), z.number(), z.boolean(), z.null()])))
          .describe('rows of cells; the first row is the header; numbers as numbers'),
        formulas: z
          .array(z.object({ cell: z.string().describe('e.g. C2'), formula: z.string().describe('without =') }))
          .describe('cells whose value is a formula, e.g. {cell: "D5", formula: "SUM(D2:D4)"}; may be empty')
      })
    )
    .min(1),
  note: z.string().describe('one line: what this file does or what changed')
})

/** A translation or rewording of an existing document, paragraph by paragraph, layout kept. */
export const rewriteSchema = z.object({
  paragraphs: z
    .array(z.object({ index: z.number().int().min(0), text: z.string() }))
    .describe('the paragraphs that change, by their number in the list you were shown, with their new text'),
  note: z.string().describe('one line: what changed in this file')
})

/** The words an audio file speaks. */
export const speechSchema = z.object({
  text: z.string().describe('the complete text to be spoken, as plain sentences (no markdown, no lists)'),
  note: z.string().describe('one line: what this recording is')
})

export type Deck = z.infer<typeof deckSchema>
export type WordDocument = z.infer<typeof documentSchema>
export type Workbook = z.infer<typeof workbookSchema>
