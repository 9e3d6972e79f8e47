import { describe, expect, it } from 'vitest'
import { paint } from '../../../src/commands/paint.ts'
import type { MediaModels } from '../../../src/llm/media.ts'
import { parseModelSpec } from '../../../src/llm/providers.ts'
import { changePorts, conversationContext } from '../../fakes/conversation-context.ts'
import { tinyPng } from '../../fakes/media-bytes.ts'
import { MemoryWorkspace } from '../../fakes/memory-workspace.ts'
import { ScriptedModel } from '../../fakes/scripted-model.ts'

const media: MediaModels = {
  image: { ok: true, spec: parseModelSpec('openai:gpt-image-1') },
  speech: { ok: false, reason: 'none' },
  paint: async () => ({ bytes: tinyPng(), mediaType: 'image/png', model: 'gpt-image-1' }),
  speak: () => Promise.reject(new Error('no speech here'))
}

async function painted(files: Record<string, string>, path: string) {
  const ws = new MemoryWorkspace(files)
  const model = new ScriptedModel({ title: 'A sketch', summary: 'a sketch', path, prompt: 'a cell dividing' })
  const outcome = await paint(conversationContext(model, changePorts(ws), { media }))
  return { outcome, ws }
}

describe('paint', () => {
  it('commits the PNG where the model asked, with no checks section', async () => {
    const { outcome, ws } = await painted({}, 'docs/cell.png')
    expect(outcome.kind === 'changes' && outcome.files.map((f) => f.path)).toEqual(['docs/cell.png'])
    expect(outcome.kind === 'changes' && outcome.checks).toBeNull()
    expect(ws.files.has('docs/cell.png')).toBe(true)
  })

  it('checks the path with its .png ending, so .gitbobignore patterns for pictures hold', async () => {
    const { outcome, ws } = await painted({ '.gitbobignore': 'private/*.png\n' }, 'private/cell.jpg')
    expect(ws.files.has('private/cell.png')).toBe(false)
    expect(outcome.kind === 'changes' && outcome.files.map((f) => f.path)).toEqual(['images/picture.png'])
    expect(outcome.kind === 'changes' && outcome.problems.join()).toContain(
      'could not go to `private/cell.jpg` (the path matches a pattern in .gitbobignore)'
    )
  })
})
