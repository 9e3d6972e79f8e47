import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { chooseMediaModel, createMediaModels, wavFromPcm } from '../../../src/llm/media.ts'
import { parseModelSpec } from '../../../src/llm/providers.ts'
import { speechMp3 } from '../../../src/media/encode-mp3.ts'
import { creditText } from '../../../src/outbox/stamp.ts'
import { Transcript } from '../../../src/record/transcript.ts'
import { FakeGemini } from '../../fakes/gemini.ts'
import { walkMp3 } from '../../fakes/mp3.ts'
import { FakeOpenAI } from '../../fakes/openai.ts'

describe('which model paints and speaks', () => {
  it('takes the provider default, the input, or says why there is none', () => {
    const openai = parseModelSpec('openai:gpt-4.1')
    expect(chooseMediaModel('image', '', openai)).toMatchObject({ ok: true, spec: { id: 'openai:gpt-image-1' } })
    expect(chooseMediaModel('speech', '', parseModelSpec('gemini:gemini-2.5-flash'))).toMatchObject({
      ok: true,
      spec: { id: 'google:gemini-2.5-flash-preview-tts' }
    })
    expect(chooseMediaModel('image', 'google:imagen-x', openai)).toMatchObject({
      ok: true,
      spec: { id: 'google:imagen-x' }
    })
    const none = chooseMediaModel('image', '', parseModelSpec('anthropic:claude-sonnet-4-5'))
    expect(none.ok).toBe(false)
    if (!none.ok) expect(none.reason).toContain('offers git-bob no model for pictures; set the `image-model` input')
    const wrong = chooseMediaModel('speech', 'anthropic:claude', openai)
    if (!wrong.ok) expect(wrong.reason).toContain('only with OpenAI, Gemini')
    else throw new Error('expected no speech model')
  })

  it('wraps PCM in a WAV header', () => {
    const wav = Buffer.from(wavFromPcm(new Uint8Array(10), 24000))
    expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF')
    expect(wav.readUInt32LE(24)).toBe(24000)
    expect(wav.readUInt32LE(40)).toBe(10)
  })
})

describe('the media models on the wire', () => {
  let gemini: FakeGemini
  let openai: FakeOpenAI
  beforeEach(async () => {
    ;[gemini, openai] = await Promise.all([new FakeGemini().start(), new FakeOpenAI().start()])
  })
  afterEach(async () => Promise.all([gemini.close(), openai.close()]))

  it('Gemini: a picture as inline PNG, speech as PCM made WAV or MP3, all in the transcript with their cost', async () => {
    const transcript = new Transcript()
    const media = createMediaModels(
      parseModelSpec('google:gemini-2.5-flash'),
      { image: '', speech: '' },
      {
        credentials: { inputs: { 'google-api-key': 'g-key' }, env: {} },
        baseUrls: { all: gemini.url, byProvider: {} },
        timeoutMs: 5000,
        transcript,
        mp3: speechMp3
      }
    )
    const picture = await media.paint('a cat')
    expect(Buffer.from(picture.bytes.subarray(1, 4)).toString('latin1')).toBe('PNG')
    const speech = await media.speak('Hello', 'wav')
    expect(speech).toMatchObject({ format: 'wav', encoded: { sampleRate: 24000, kbps: null } })
    expect(Buffer.from(speech.bytes.subarray(0, 4)).toString('latin1')).toBe('RIFF')
    // One second of PCM from the stand-in: 48,000 bytes after the 44-byte header.
    expect(speech.bytes.length).toBe(44 + 48_000)
    const mp3 = await media.speak('Hello', 'mp3')
    expect(mp3).toMatchObject({ format: 'mp3', encoded: { sampleRate: 24000, kbps: 64 } })
    expect(walkMp3(mp3.bytes)).toMatchObject({ sampleRate: 24000, bitrates: [64] })
    expect(gemini.requests.map((r) => r.model)).toEqual([
      'gemini-2.5-flash-image',
      'gemini-2.5-flash-preview-tts',
      'gemini-2.5-flash-preview-tts'
    ])
    expect(transcript.calls.map((c) => [c.purpose, c.media])).toEqual([
      ['paint', 'image'],
      ['speak', 'speech'],
      ['speak', 'speech']
    ])
    // The transcript shows what the model sent: PCM, before git-bob made a file of it.
    expect(transcript.calls[2]!.answer).toBe('(audio/L16;codec=pcm;rate=24000, 48,000 bytes)')
    expect(transcript.totalCost).toBeGreaterThan(0.03)
  })

  it('OpenAI: the Images API with base64 and audio.speech as MP3; the stamp names both beside the chat model', async () => {
    const transcript = new Transcript()
    transcript.add({
      purpose: 'plan',
      provider: 'openai',
      requestedModel: 'gpt-4.1',
      servedModel: 'gpt-4.1-2025-04-14',
      messages: [],
      answer: '{}',
      usage: { inputTokens: 100, outputTokens: 10 },
      durationMs: 1,
      attempts: 1,
      error: null
    })
    const media = createMediaModels(
      parseModelSpec('openai:gpt-4.1'),
      { image: '', speech: '' },
      {
        credentials: { inputs: { 'openai-api-key': 'sk-test' }, env: {} },
        baseUrls: { all: openai.url, byProvider: {} },
        timeoutMs: 5000,
        transcript,
        mp3: speechMp3
      }
    )
    await media.paint('a cat')
    const speech = await media.speak('Hello', 'mp3')
    expect(speech).toMatchObject({ format: 'mp3', encoded: null })
    expect(openai.mediaRequests.map((r) => [r.path, r.body.model])).toEqual([
      ['/v1/images/generations', 'gpt-image-1'],
      ['/v1/audio/speech', 'gpt-4o-mini-tts']
    ])
    expect(creditText(transcript.credit())).toMatch(
      /^model: gpt-4\.1-2025-04-14 via openai, image model: gpt-image-1 via openai, speech model: gpt-4o-mini-tts via openai, tokens: 150 in/
    )
  })
})
