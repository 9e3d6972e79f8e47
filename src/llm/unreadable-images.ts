// Images a model cannot read become a short text in their place, so the model knows something was there.
import type { CallRecorder } from './recorder.ts'
import { imageTypes } from './capabilities.ts'
import type { ModelSpec } from './providers.ts'
import type { ContentPart, Message } from './types.ts'
import { agrees, counted } from './plural.ts'

/** The count of images left out goes to the transcript's notes, which the answer and the job summary show. */
export function withoutUnreadableImages(spec: ModelSpec, messages: Message[], transcript: CallRecorder): Message[] {
  const accepted: readonly string[] = imageTypes(spec)
  let dropped = 0
  const result = messages.map((m): Message => {
    if (
      m.role === 'tool' ||
      typeof m.content === 'string' ||
      m.content.every((p) => p.type === 'text' || accepted.includes(p.mediaType))
    )
      return m
    const content = m.content.map((p): ContentPart => {
      if (p.type === 'text' || accepted.includes(p.mediaType)) return p
      dropped++
      return {
        type: 'text',
        text: `[An image (${p.mediaType}) was here; it is left out because ${spec.id} does not read ${accepted.length ? 'this image type' : 'images'}.]`
      }
    })
    return { ...m, content }
  })
  if (dropped) {
    transcript.notes.tell(
      `${counted(dropped, 'image')} from the conversation ${agrees(dropped, 'was', 'were')} left out: ${spec.id} does not read ${accepted.length ? 'their type' : 'images'}.`
    )
  }
  return result
}
