// Slides, documents, workbooks, recordings and pictures: speech encoded as MP3, pictures painted by Gemini or
// refused without an image model, a deck translated in place, workbooks and documents read for the model (their
// pictures too), a zip bomb of markup read within its budget. The built action's own runs, which load each
// library's chunk, are in test/e2e/media.test.ts.
import { describe, expect, it } from 'vitest'
import { GitRemote } from '../fakes/git-remote.ts'
import { decodeMp3, mpg123, walkMp3 } from '../fakes/mp3.ts'
import { tinyPdf, tinyPng } from '../fakes/media-bytes.ts'
import { deckWithPictures, markupBomb } from '../fakes/office-bytes.ts'
import { answerBySchema, geminiInputs, isPng, officeParts } from '../fakes/office-checks.ts'
import { pandasWorkbook, pythonOffice, PYTHON_OFFICE_MISSING } from '../fakes/python-office.ts'
import { pptxgenjsTemplate } from '../fakes/slide-templates.ts'
import { useStage } from './stage.ts'

const stage = useStage()

describe('slides, documents, workbooks, recordings and pictures', () => {
  it('implement with Gemini: the speech model speaks PCM, and git-bob commits it encoded as a real MP3', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n' })
    const words = 'Dish B had the most cells, twice as many as dish A, and the counts agree with last week.'
    stage.gemini.fallback = (request) => {
      // Gemini's structured answers carry no schema name: the schema's fields say which answer is asked for.
      const fields = Object.keys(
        (request.generationConfig?.responseJsonSchema as { properties?: object } | undefined)?.properties ?? {}
      )
      if (fields.includes('actions'))
        return JSON.stringify({
          title: 'Add an audio summary',
          summary: 'The counts, spoken.',
          actions: [{ action: 'create', path: 'talk/summary.mp3', source: null, reason: 'asked for' }]
        })
      if (fields.includes('text')) return JSON.stringify({ text: words, note: 'an audio summary' })
      return 'A plain answer.'
    }
    const run = await stage.comment(
      { body: 'Record an audio summary of the counts. git-bob implement' },
      {
        workspace: repo.workspace,
        inputs: geminiInputs(stage.gemini.url)
      }
    )

    expect(run.code, stage.said(run)).toBe(0)
    const mp3 = repo.bytes('git-bob/issue-1', 'talk/summary.mp3')
    const seconds = stage.gemini.speechSeconds(words)
    expect(seconds).toBeGreaterThan(5)
    const walk = walkMp3(mp3)
    expect(walk).toMatchObject({ sampleRate: 24000, bitrates: [64] })
    expect(Math.abs(walk.seconds - seconds)).toBeLessThan(0.2)
    if (mpg123) expect(Math.abs(decodeMp3(mp3).seconds - seconds)).toBeLessThan(0.2)
    const tts = stage.gemini.requests.find((r) => r.model === 'gemini-2.5-flash-preview-tts')!
    expect(tts.body.generationConfig?.responseModalities, stage.said(run)).toEqual(['AUDIO'])

    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toContain(`> ${words}`)
    expect(pull.body, stage.said(run)).toContain(
      'google:gemini-2.5-flash-preview-tts spoke raw 16-bit PCM (24 kHz, mono); git-bob encoded it as MP3 (64 kbit/s) with lamejs.'
    )
    expect(stage.github.postedComments(1)[0]!.body, stage.said(run)).toContain(
      'speech model: gemini-2.5-flash-preview-tts via google'
    )
  })

  it('paint with GitHub Models: a clear message that it has no image model, and nothing committed', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n' })
    const run = await stage.comment(
      { body: 'git-bob draw a cat' },
      {
        workspace: repo.workspace,
        inputs: { model: 'github_models:openai/gpt-4.1', 'github-token': 'ghs_testtoken1234567890' }
      }
    )
    expect(run.code, stage.said(run)).toBe(0)
    const body = stage.github.postedComments(1).at(-1)!.body
    expect(body, stage.said(run)).toContain("I can't paint here")
    expect(body, stage.said(run)).toContain('offers git-bob no model for pictures')
    expect(body, stage.said(run)).toContain('`image-model`')
    expect(repo.branches()).toEqual(['master'])
    expect(stage.model.mediaRequests, stage.said(run)).toEqual([])
  })

  it('paint with Gemini: the image model answers through generateContent, and the PNG is committed', async () => {
    const repo = new GitRemote({ 'README.md': '# Hello-World\n' })
    stage.gemini.fallback = (request) => {
      const fields = Object.keys(
        (request.generationConfig?.responseJsonSchema as { properties?: object } | undefined)?.properties ?? {}
      )
      return fields.includes('prompt')
        ? JSON.stringify({
            title: 'Add a sketch of the pipeline',
            summary: 'A sketch for the docs.',
            path: 'docs/pipeline.png',
            prompt: 'A hand-drawn sketch of a microscopy pipeline'
          })
        : 'A plain answer.'
    }
    const run = await stage.comment(
      { body: 'git-bob paint a sketch of the pipeline' },
      {
        workspace: repo.workspace,
        inputs: geminiInputs(stage.gemini.url)
      }
    )

    expect(run.code, stage.said(run)).toBe(0)
    expect(isPng(repo.bytes('git-bob/issue-1', 'docs/pipeline.png'))).toBe(true)
    const painted = stage.gemini.requests.find((r) => r.model === 'gemini-2.5-flash-image')!
    expect(painted.body.generationConfig?.responseModalities, stage.said(run)).toContain('IMAGE')
    expect(JSON.stringify(painted.body.contents), stage.said(run)).toContain(
      'A hand-drawn sketch of a microscopy pipeline'
    )
    expect(stage.github.pullRequests[0]!.body, stage.said(run)).toMatch(
      /!\[docs\/pipeline\.png\]\([^)]+\/docs\/pipeline\.png\?raw=true\)/
    )
    expect(stage.github.postedComments(1)[0]!.body, stage.said(run)).toContain(
      'image model: gemini-2.5-flash-image via google'
    )
  })

  it('implement: translates an existing deck in place; its picture, layout and notes stay, the words change', async () => {
    const deck = await pptxgenjsTemplate()
    const repo = new GitRemote({ 'README.md': '# Hello-World\n', 'talk/slides.pptx': deck })
    const german: Record<string, string> = {
      'Example slide of the template': 'Beispielfolie der Vorlage',
      'Notes of the example slide': 'Notizen der Beispielfolie'
    }
    answerBySchema(stage.model, {
      change_plan: () => ({
        title: 'Translate the slides into German',
        summary: 'The deck, in German.',
        actions: [{ action: 'modify', path: 'talk/slides.pptx', source: null, reason: 'asked for' }]
      }),
      // The prompt numbers the deck's paragraphs: the answer picks them by number, as a model would.
      rewrite: (request) => {
        const prompt = JSON.stringify(request.messages)
        const paragraphs = Object.entries(german).map(([english, text]) => {
          const index = new RegExp(`\\[(\\d+)\\](?: \\(speaker notes\\))? ${english}`).exec(prompt)?.[1]
          return { index: Number(index), text }
        })
        return { paragraphs, note: 'translated into German' }
      }
    })
    const run = await stage.comment(
      { body: 'Please translate talk/slides.pptx into German. git-bob implement' },
      { workspace: repo.workspace }
    )

    expect(run.code, stage.said(run)).toBe(0)
    const before = officeParts(deck)
    const after = officeParts(repo.bytes('git-bob/issue-1', 'talk/slides.pptx'))
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort())
    expect(after['ppt/slides/slide1.xml']).toContain('Beispielfolie der Vorlage')
    expect(after['ppt/slides/slide1.xml']).not.toContain('Example slide of the template')
    const notes = Object.keys(after).find((n) => /^ppt\/notesSlides\/notesSlide\d+\.xml$/.test(n))!
    expect(after[notes]).toContain('Notizen der Beispielfolie')
    for (const name of Object.keys(before).filter((n) => !/slides\/slide1\.xml$|notesSlide/.test(n)))
      expect(after[name], name).toBe(before[name])
    const pull = stage.github.pullRequests[0]!
    expect(pull.body, stage.said(run)).toContain('changed in place, paragraph by paragraph')
  })

  it.skipIf(!pythonOffice)(
    `a workbook pandas wrote, attached and named in the repository, reaches the model with its rows${pythonOffice ? '' : ` (${PYTHON_OFFICE_MISSING})`}`,
    async () => {
      const book = pandasWorkbook()
      stage.github.attachments.set('files/9/counts.xlsx', {
        type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        bytes: Buffer.from(book)
      })
      const repo = new GitRemote({ 'README.md': '# Hello-World\n', 'data/counts.xlsx': Buffer.from(book) })
      stage.model.fallback = () => 'S3 has the most cells.'
      const url = stage.github.url
      const run = await stage.comment(
        {
          body: `Which sample in ${url}/user-attachments/files/9/counts.xlsx and data/counts.xlsx has the most cells?\n\ngit-bob comment`
        },
        { env: { GITHUB_SERVER_URL: url }, workspace: repo.workspace }
      )
      expect(run.code, stage.said(run)).toBe(0)
      const prompt = JSON.stringify(stage.model.requests[0]!.body.messages)
      const rows = '## Sheet: Counts\\n| sample | cells |\\n| S1 | 10 |\\n| S2 | 20 |\\n| S3 | 30 |'
      // Once attached, once from the repository.
      expect(prompt.split(rows)).toHaveLength(3)
    }
  )

  it('a zip bomb of markup attached to the issue is read up to the XML budget, and the notes say so', async () => {
    stage.github.attachments.set('files/10/bomb.docx', {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      bytes: Buffer.from(markupBomb(280))
    })
    stage.model.fallback = () => 'It says: Visible first.'
    const url = stage.github.url
    const run = await stage.comment(
      { body: `What does ${url}/user-attachments/files/10/bomb.docx say?\n\ngit-bob comment` },
      { env: { GITHUB_SERVER_URL: url } }
    )
    expect(run.code, stage.said(run)).toBe(0)
    const prompt = JSON.stringify(stage.model.requests[0]!.body.messages)
    expect(prompt).toContain('Visible first')
    expect(prompt).not.toContain('hidden words here')
    const answer = stage.github.postedComments(1).at(-1)!.body
    expect(answer).toContain('It says: Visible first.')
    expect(answer).toContain("the rest of it (git-bob reads at most 8,000,000 characters of a document's XML)")
    expect(answer).toContain('its hidden text (Word does not show it)')
  })

  describe('documents named by their path in the repository', () => {
    const green = tinyPng(64, 48, [40, 200, 40])
    async function repository(): Promise<GitRemote> {
      return new GitRemote({
        'README.md': '# Hello-World\n',
        'docs/report.pdf': tinyPdf('Viability was 93 percent', [{ width: 60, height: 40, rgb: [200, 40, 40] }]),
        'docs/talk.pptx': Buffer.from(
          await deckWithPictures([{ text: 'Intro' }, { text: 'Cells under the microscope', pictures: [green] }])
        )
      })
    }
    const request = 'Please summarise docs/report.pdf and the slides in docs/talk.pptx\n\ngit-bob comment'
    type Part = { type: string; text?: string; image_url?: { url: string } }
    const userParts = (): Part[] => {
      const content = stage.model.requests[0]!.body.messages.find((m) => m.role === 'user')!.content
      return typeof content === 'string' ? [{ type: 'text', text: content }] : (content as Part[])
    }

    it('reach an image-reading model with their text and their pictures, each labelled', async () => {
      const repo = await repository()
      stage.model.fallback = () => 'Summary: viability 93%, and a slide of cells.'
      const run = await stage.comment({ body: request }, { workspace: repo.workspace })

      expect(run.code, stage.said(run)).toBe(0)
      const parts = userParts()
      const text = parts[0]!.text!
      expect(text).toContain('## Content of docs/report.pdf')
      expect(text).toContain('Viability was 93 percent\n\n[picture 1]')
      expect(text).toContain('## Content of docs/talk.pptx')
      expect(text).toContain('## Slide 2\nCells under the microscope\n[picture 1]')
      const labels = parts.filter((p) => p.type === 'text').map((p) => p.text!)
      const images = parts.filter((p) => p.type === 'image_url').map((p) => p.image_url!.url)
      expect(labels.slice(1)).toEqual([
        'The picture 1 on page 1 of docs/report.pdf, in the repository (marked "[picture 1]" in its text):',
        'The picture 1 on slide 2 of docs/talk.pptx, in the repository (marked "[picture 1]" in its text):'
      ])
      expect(images, stage.said(run)).toHaveLength(2)
      // The PDF's image, decoded by pdf.js and encoded again as a PNG of the same size.
      const fromPdf = Buffer.from(images[0]!.replace(/^data:image\/png;base64,/, ''), 'base64')
      expect(isPng(fromPdf)).toBe(true)
      expect([fromPdf.readUInt32BE(16), fromPdf.readUInt32BE(20)]).toEqual([60, 40])
      // The deck's picture, the very bytes it holds.
      expect(images[1]).toBe(`data:image/png;base64,${green.toString('base64')}`)
    })

    it('reach a model that reads no images as text alone, and the notes say the pictures were not shown', async () => {
      const repo = await repository()
      stage.model.fallback = () => 'Summary: viability 93%.'
      const run = await stage.comment(
        { body: request },
        { workspace: repo.workspace, inputs: { model: 'openai:gpt-3.5-turbo' } }
      )

      expect(run.code, stage.said(run)).toBe(0)
      const parts = userParts()
      expect(parts.every((p) => p.type === 'text')).toBe(true)
      expect(parts[0]!.text).toContain('Viability was 93 percent')
      expect(parts[0]!.text).not.toContain('[picture 1]')
      expect(parts[0]!.text).toContain(
        'the pictures in documents: openai:gpt-3.5-turbo does not read images, so only their text is shown'
      )
      expect(stage.github.postedComments(1).at(-1)!.body, stage.said(run)).toContain(
        'does not read images, so only their text is shown'
      )
    })
  })
})
