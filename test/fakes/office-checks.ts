// What the media tests of the flow and e2e layers share: answers by schema, and checks of the files git-bob wrote.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate'
import { XMLValidator } from 'fast-xml-parser'
import { expect } from 'vitest'
import { tinyPng } from './media-bytes.ts'
import type { ChatRequest, FakeOpenAI } from './openai.ts'

/** The OpenAI stand-in answers each structured request with what `answers` gives for its schema's name. */
export function answerBySchema(
  model: Pick<FakeOpenAI, 'fallback'>,
  answers: Record<string, (request: ChatRequest) => unknown>
): void {
  model.fallback = (request) => {
    const schema = request.response_format?.json_schema?.name ?? ''
    const answer = answers[schema]
    return answer ? JSON.stringify(answer(request)) : 'A plain answer.'
  }
}

/** Every XML part parses; returns the parts' text by name. */
export function officeParts(bytes: Uint8Array): Record<string, string> {
  const parts = unzipSync(bytes)
  expect(parts['[Content_Types].xml']).toBeDefined()
  const out: Record<string, string> = {}
  for (const [name, data] of Object.entries(parts)) {
    out[name] = /\.(xml|rels)$/.test(name) ? strFromU8(data) : `(${data.length} bytes)`
    if (/\.(xml|rels)$/.test(name)) expect(XMLValidator.validate(out[name]), name).toBe(true)
  }
  return out
}

/** The inputs of a run whose model is Gemini, served by the Gemini stand-in at `url`. */
export const geminiInputs = (url: string): Record<string, string> => ({
  model: 'gemini:gemini-2.5-flash',
  'google-api-key': 'AIzaSyE2eKey00000000000000000000000000000',
  'base-url': url
})

/** Whether the bytes start as a PNG does. */
export const isPng = (bytes: Uint8Array): boolean => Buffer.from(bytes.subarray(0, 8)).equals(tinyPng().subarray(0, 8))

/** A minimal Word document written here, not by the code under test. */
export function handMadeDocx(text: string): Buffer {
  return Buffer.from(
    zipSync({
      '[Content_Types].xml': strToU8(
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
      ),
      '_rels/.rels': strToU8(
        '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>'
      ),
      'word/document.xml': strToU8(
        `<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`
      )
    })
  )
}
