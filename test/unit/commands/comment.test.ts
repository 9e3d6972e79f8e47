import { describe, expect, it } from 'vitest'
import { conversationMessages } from '../../../src/conversation/messages.ts'
import type { ContentPart } from '../../../src/llm/types.ts'
import { conversationContext } from '../../fakes/conversation-context.ts'
import { ScriptedModel } from '../../fakes/scripted-model.ts'

const parts = (content: string | ContentPart[]): ContentPart[] =>
  typeof content === 'string' ? [{ type: 'text', text: content }] : content

describe('conversationMessages', () => {
  it("labels the thread's images by number and place, and documents' pictures by their own labels", () => {
    const ctx = conversationContext(new ScriptedModel(), null)
    ctx.thread.images = [
      { where: 'comment by @bob', url: 'https://github.com/x.png', alt: 'plot', mediaType: 'image/png', data: 'AAAA' },
      {
        where: 'attached in the comment by @alice',
        url: 'https://github.com/user-attachments/files/1/talk.pptx',
        alt: '',
        mediaType: 'image/jpeg',
        data: 'BBBB',
        label: 'picture 1 on slide 3 of talk.pptx, attached in the comment by @alice'
      }
    ]
    const content = parts(conversationMessages(ctx, 'Answer.')[1]!.content)
    expect(content[0]).toMatchObject({
      type: 'text',
      text: expect.stringMatching(/# Images from the conversation and pictures from the documents$/)
    })
    expect(content.slice(1)).toEqual([
      { type: 'text', text: 'Image 1, from the comment by @bob ("plot"), https://github.com/x.png:' },
      { type: 'image', mediaType: 'image/png', data: 'AAAA' },
      {
        type: 'text',
        text: 'The picture 1 on slide 3 of talk.pptx, attached in the comment by @alice (marked "[picture 1]" in its text):'
      },
      { type: 'image', mediaType: 'image/jpeg', data: 'BBBB' }
    ])
  })

  it('sends text alone when there are no images', () => {
    const ctx = conversationContext(new ScriptedModel(), null)
    expect(typeof conversationMessages(ctx, 'Answer.')[1]!.content).toBe('string')
  })
})
