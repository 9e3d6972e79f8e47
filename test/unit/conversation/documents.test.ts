import { describe, expect, it } from 'vitest'
import { findDocumentLinks, loadDocuments } from '../../../src/conversation/documents.ts'
import { tinyPdf } from '../../fakes/media-bytes.ts'
import { deckWithPictures, pictures } from '../../fakes/office-bytes.ts'

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

  it('takes a link whose name is not valid percent-encoding as written, rather than fail the run', () => {
    expect(findDocumentLinks('https://github.com/user-attachments/files/1/%E0%A4%A.pdf', 'https://github.com')).toEqual(
      [{ url: 'https://github.com/user-attachments/files/1/%E0%A4%A.pdf', name: '%E0%A4%A.pdf', kind: 'pdf' }]
    )
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

describe('the pictures of documents attached in the thread', () => {
  const serve =
    (files: Record<string, Uint8Array>): typeof fetch =>
    async (input) => {
      const bytes = files[new URL(input instanceof Request ? input.url : input).pathname]
      return bytes ? new Response(bytes) : new Response('no', { status: 404 })
    }

  it('come with the text when asked for, marked in it, and the request’s documents are marked as such', async () => {
    const deck = await deckWithPictures([{ text: 'Plots', pictures: [pictures.red, pictures.green] }])
    const {
      documents,
      pictures: found,
      notes
    } = await loadDocuments(
      [
        { where: 'description by @ada', body: 'See https://github.com/user-attachments/files/1/r.pdf' },
        { where: 'comment by @bob', body: 'git-bob translate https://github.com/user-attachments/files/2/talk.pptx' }
      ],
      {
        serverUrl: 'https://github.com',
        token: 't',
        fetch: serve({
          '/user-attachments/files/1/r.pdf': tinyPdf('Report', [{ width: 50, height: 50 }]),
          '/user-attachments/files/2/talk.pptx': deck
        }),
        maxPictures: 1,
        requestIndex: 1
      }
    )
    expect(documents.map((d) => [d.name, d.fromRequest ?? false])).toEqual([
      ['r.pdf', false],
      ['talk.pptx', true]
    ])
    expect(documents[1]!.text).toContain('Plots\n[picture 1]\n[picture 2]')
    expect(found.map((f) => [f.document, f.where, f.pictures.map((p) => `${p.place} ${p.number}`)])).toEqual([
      ['r.pdf', 'attached in the description by @ada', ['page 1 1']],
      ['talk.pptx', 'attached in the comment by @bob', ['slide 1 1']]
    ])
    expect(notes).toEqual(['the document talk.pptx in the comment by @bob: 1 more picture (at most 1 are read)'])
  })

  it('are not read when not asked for: the text alone, as before', async () => {
    const deck = await deckWithPictures([{ text: 'Plots', pictures: [pictures.red] }])
    const { documents, pictures: found } = await loadDocuments(
      [{ where: 'comment by @bob', body: 'https://github.com/user-attachments/files/2/talk.pptx' }],
      { serverUrl: 'https://github.com', token: 't', fetch: serve({ '/user-attachments/files/2/talk.pptx': deck }) }
    )
    expect(documents[0]!.text).toBe('## Slide 1\nPlots')
    expect(found).toEqual([])
  })
})
