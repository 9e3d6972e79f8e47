import { describe, expect, it } from 'vitest'
import { findDocumentLinks, loadDocuments } from '../../../src/conversation/documents.ts'
import { tinyPdf } from '../../fakes/media-bytes.ts'

describe('documents attached in the thread', () => {
  it('finds links to documents on GitHub, not elsewhere, each once', () => {
    const body = [
      '[deck](https://github.com/user-attachments/files/1/My%20Deck.pptx).',
      'https://github.com/user-attachments/files/2/data.xlsx and https://example.com/evil.pdf',
      'https://github.com/user-attachments/files/2/data.xlsx https://github.com/x/y/blob/main/notes.txt'
    ].join('\n')
    expect(findDocumentLinks(body, 'https://github.com')).toEqual([
      { url: 'https://github.com/user-attachments/files/1/My%20Deck.pptx', name: 'My Deck.pptx', kind: 'pptx' },
      { url: 'https://github.com/user-attachments/files/2/data.xlsx', name: 'data.xlsx', kind: 'xlsx' }
    ])
  })

  it('reads a PDF as text, and names a document that cannot be read', async () => {
    const files: Record<string, Uint8Array> = {
      '/user-attachments/files/1/a.pdf': tinyPdf('Hello from the PDF'),
      '/user-attachments/files/2/b.docx': new Uint8Array([1, 2, 3])
    }
    const fetchFake: typeof fetch = async (input) => {
      const bytes = files[new URL(input instanceof Request ? input.url : input).pathname]
      return bytes ? new Response(bytes) : new Response('no', { status: 404 })
    }
    const { documents, notes } = await loadDocuments(
      [
        {
          where: 'comment by @ada',
          body: 'https://github.com/user-attachments/files/1/a.pdf https://github.com/user-attachments/files/2/b.docx'
        }
      ],
      { serverUrl: 'https://github.com', token: 't', fetch: fetchFake }
    )
    expect(documents).toHaveLength(1)
    expect(documents[0]!.text).toContain('Hello from the PDF')
    expect(notes).toEqual([
      expect.stringMatching(
        /^the document b\.docx in the comment by @ada: it could not be read as DOCX \(not a zip archive/
      )
    ])
  })
})
