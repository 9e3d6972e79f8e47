// Slides, documents, workbooks, recordings and pictures through the built action: the libraries that write and
// read them are chunks of their own in dist/, loaded only when needed, and these runs load each of them (the
// writers of a deck, a document, a workbook and an MP3; a slide template; the image model's PNG; PDF and Word read
// from attachments). test/flow/media.test.ts holds the rest of what git-bob does with such files.
import { describe, expect, it } from 'vitest'
import { unzipSync } from 'fflate'
import { GitRemote } from '../fakes/git-remote.ts'
import { looksLikeMp3, tinyPdf, tinyPng } from '../fakes/media-bytes.ts'
import { answerBySchema, handMadeDocx, isPng, officeParts } from '../fakes/office-checks.ts'
import { pptxgenjsTemplate } from '../fakes/slide-templates.ts'
import { useStage } from './scenario.ts'

// Office files written and read back: CPU work in the child, up to 20 s a test on a quiet 2-core machine,
// several times that on a busy one or with two suites at once.
const HEAVY = { timeout: 120_000 }
const stage = useStage()

describe('the built action with slides, documents, workbooks, recordings and pictures', HEAVY, () => {
  it('implement: writes a deck with a repository picture, a document, a workbook and an MP3, and commits them', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n', 'fig/cells.png': tinyPng(30, 20) })
    answerBySchema(stage.model, {
      change_plan: () => ({
        title: 'Add the lab meeting material',
        summary: 'Slides, a report, the counts and an audio summary.',
        actions: ['talk/slides.pptx', 'talk/report.docx', 'talk/counts.xlsx', 'talk/summary.mp3'].map((path) => ({
          action: 'create',
          path,
          source: null,
          reason: 'asked for'
        }))
      }),
      slides: () => ({
        title: 'Lab meeting',
        slides: [{ title: 'Cell counts', bullets: ['Mitosis is rare'], image: 'fig/cells.png', notes: 'Start here' }],
        note: 'the talk'
      }),
      document: () => ({
        title: 'Report',
        blocks: [
          { kind: 'heading', level: 1, text: 'Findings', items: null, rows: null, image: null },
          {
            kind: 'table',
            level: null,
            text: null,
            items: null,
            rows: [
              ['dish', 'cells'],
              ['A', '12']
            ],
            image: null
          }
        ],
        note: 'the report'
      }),
      workbook: () => ({
        sheets: [
          {
            name: 'Counts',
            rows: [
              ['dish', 'cells'],
              ['A', 12],
              ['B', 30]
            ],
            formulas: []
          }
        ],
        note: 'the counts'
      }),
      speech: () => ({ text: 'Dish B had the most cells.', note: 'an audio summary' })
    })
    const run = await stage.comment(
      { body: 'Make the lab meeting material. git-bob implement' },
      { workspace: repo.workspace }
    )

    expect(run.code, stage.said(run)).toBe(0)
    const branch = 'git-bob/issue-1'
    const deck = officeParts(repo.bytes(branch, 'talk/slides.pptx'))
    expect(deck['ppt/slides/slide1.xml']).toContain('Mitosis is rare')
    expect(Object.keys(deck).some((n) => n.startsWith('ppt/media/'))).toBe(true)
    expect(Object.keys(deck).some((n) => n.startsWith('ppt/notesSlides/'))).toBe(true)
    const doc = officeParts(repo.bytes(branch, 'talk/report.docx'))
    expect(doc['word/document.xml']).toContain('Findings')
    expect(doc['word/document.xml']).toContain('<w:tbl>')
    const book = officeParts(repo.bytes(branch, 'talk/counts.xlsx'))
    expect(book['xl/workbook.xml']).toContain('name="Counts"')
    expect(looksLikeMp3(repo.bytes(branch, 'talk/summary.mp3'))).toBe(true)
    expect(stage.model.mediaRequests.map((r) => r.path)).toEqual(['/v1/audio/speech'])
    expect(stage.model.mediaRequests[0]!.body, stage.said(run)).toMatchObject({
      input: 'Dish B had the most cells.',
      model: 'gpt-4o-mini-tts'
    })

    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toContain('> Dish B had the most cells.')
    expect(pull.body, stage.said(run)).toContain('`talk/slides.pptx`')
    const comment = stage.github.postedComments(1)[0]!.body
    expect(comment).toContain('speech model: gpt-4o-mini-tts via openai')
  })

  it('implement: builds the deck on the repository slide_template.pptx, and a PDF and a Word document attached to the issue reach the model as text', async () => {
    const template = await pptxgenjsTemplate()
    const repo = new GitRemote({
      'README.md': '# Hello-World\n',
      'slide_template.pptx': template,
      'fig/cells.png': tinyPng(30, 20)
    })
    // The attachments ride on the same run: reading them loads the PDF and Word chunks, as a comment would.
    stage.github.attachments.set('files/7/results.pdf', {
      type: 'application/pdf',
      bytes: tinyPdf('Viability was 93 percent')
    })
    stage.github.attachments.set('files/8/methods.docx', {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: handMadeDocx('Cells were stained with DAPI.')
    })
    answerBySchema(stage.model, {
      change_plan: () => ({
        title: 'Add the talk',
        summary: 'Slides on the template.',
        actions: [{ action: 'create', path: 'talk/slides.pptx', source: null, reason: 'asked for' }]
      }),
      slides: () => ({
        title: 'Lab meeting',
        slides: [{ title: 'Cell counts', bullets: ['Mitosis is rare'], image: 'fig/cells.png', notes: 'Start here' }],
        note: 'the talk'
      })
    })
    const url = stage.github.url
    // The GitHub stand-in plays github.com too, where attachments live.
    const run = await stage.comment(
      {
        body: `Make the talk from [results.pdf](${url}/user-attachments/files/7/results.pdf) and ${url}/user-attachments/files/8/methods.docx\n\ngit-bob implement`
      },
      { workspace: repo.workspace, env: { GITHUB_SERVER_URL: url } }
    )

    expect(run.code, stage.said(run)).toBe(0)
    const prompt = JSON.stringify(stage.model.requests[0]!.body.messages)
    expect(prompt).toContain('Viability was 93 percent')
    expect(prompt).toContain('Cells were stained with DAPI.')
    expect(prompt).toContain('results.pdf (attached in the comment by @')
    const committed = repo.bytes('git-bob/issue-1', 'talk/slides.pptx')
    const deck = officeParts(committed)
    const raw = unzipSync(committed)
    const original = unzipSync(template)
    for (const part of [
      'ppt/slideMasters/slideMaster1.xml',
      'ppt/theme/theme1.xml',
      'ppt/slideLayouts/slideLayout2.xml'
    ])
      expect(Buffer.from(raw[part]!).equals(Buffer.from(original[part]!)), part).toBe(true)
    expect(deck['ppt/slides/_rels/slide1.xml.rels']).toContain('Target="../slideLayouts/slideLayout2.xml"')
    expect(deck['ppt/slides/slide1.xml']).toContain('<a:t>Mitosis is rare</a:t>')
    expect(deck['ppt/slides/slide1.xml']).toContain('<p:pic>')
    expect(JSON.stringify(deck)).not.toContain('Example slide of the template')
    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toContain("The deck starts from the repository's `slide_template.pptx`")
    expect(pull.body, stage.said(run)).not.toContain('was not used')
  })

  it('paint: commits the PNG the image model painted and shows it in the pull request at the commit', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n' })
    answerBySchema(stage.model, {
      picture_request: () => ({
        title: 'Add a comic of a dividing cell',
        summary: 'A comic for the README.',
        path: 'images/cell-comic.png',
        prompt: 'A friendly comic of a cell dividing, pastel colours'
      })
    })
    const run = await stage.comment({ body: 'git-bob paint a comic of a cell dividing' }, { workspace: repo.workspace })

    expect(run.code, stage.said(run)).toBe(0)
    const branch = 'git-bob/issue-1'
    expect(isPng(repo.bytes(branch, 'images/cell-comic.png'))).toBe(true)
    expect(stage.model.mediaRequests[0]).toMatchObject({
      path: '/v1/images/generations',
      body: { model: 'gpt-image-1', prompt: 'A friendly comic of a cell dividing, pastel colours' }
    })
    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toMatch(
      /!\[images\/cell-comic\.png\]\(https?:\/\/[^)]+\/blob\/[0-9a-f]{40}\/images\/cell-comic\.png\?raw=true\)/
    )
    expect(stage.github.postedComments(1)[0]!.body, stage.said(run)).toContain('image model: gpt-image-1 via openai')
    expect(run.summary).toContain(': paint — gpt-image-1 via openai — 50 in / 272 out tokens')
  })
})
