// A document (Word, PowerPoint, Excel, PDF) as text for the model. The readers are imported on the
// first document, so a run that reads none loads neither unpdf nor the zip reader.

export type DocumentKind = 'docx' | 'pptx' | 'xlsx' | 'pdf'

/** The kind of document a path or file name names, or null for anything else. Pure. */
export function documentKind(name: string): DocumentKind | null {
  const match = /\.(docx|pptx|xlsx|pdf)$/i.exec(name)
  return match ? (match[1]!.toLowerCase() as DocumentKind) : null
}

/** The document's text; throws with the reason when it cannot be read. */
export async function readDocument(kind: DocumentKind, bytes: Uint8Array): Promise<string> {
  if (kind === 'pdf') {
    const { extractText, getDocumentProxy } = await import('unpdf')
    // pdf.js takes ownership of the buffer it is given: a copy keeps the caller's bytes intact.
    const pdf = await getDocumentProxy(new Uint8Array(bytes))
    const { text } = await extractText(pdf, { mergePages: false })
    return text.map((page, i) => `## Page ${i + 1}\n\n${page.trim()}`).join('\n\n')
  }
  const { readOffice } = await import('./read-office.ts')
  return readOffice(kind, bytes)
}
