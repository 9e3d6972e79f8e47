// The provider's picture and speech models (the `image-model` and `speech-model` inputs): OpenAI's
// Images API and audio.speech, Gemini's image and TTS models through generateContent. A provider
// without them (GitHub Models, Anthropic, the OpenAI-compatible services) gets a reason, not a call.
// Each call goes to the transcript, so the stamp and the job summary name these models too. Gemini speaks
// raw PCM, which becomes a WAV here, or an MP3 through the encoder the caller gives (media/encode-mp3.ts: lamejs,
// loaded only then), so llm/ needs nothing of the app.
import type { GenerateContentResponse } from '@google/genai'
import type { OpenAI as OpenAIClient } from 'openai'
import type { CallRecorder, ModelCall } from './recorder.ts'
import {
  parseModelSpec,
  resolveApiKey,
  baseUrlFor,
  type BaseUrls,
  type Credentials,
  type ModelSpec
} from './providers.ts'
import { ConfigError, LlmError } from './errors.ts'

export type MediaKind = 'image' | 'speech'

/** The model for a kind of media, or why there is none (a sentence for the thread). */
export type MediaChoice = { ok: true; spec: ModelSpec } | { ok: false; reason: string }

const DEFAULTS: Record<string, Record<MediaKind, string>> = {
  openai: { image: 'gpt-image-1', speech: 'gpt-4o-mini-tts' },
  google: { image: 'gemini-2.5-flash-image', speech: 'gemini-2.5-flash-preview-tts' }
}

const INPUT: Record<MediaKind, string> = { image: 'image-model', speech: 'speech-model' }
const EXAMPLE: Record<MediaKind, string> = {
  image: '"openai:gpt-image-1" (with `openai-api-key`) or "google:gemini-2.5-flash-image" (with `google-api-key`)',
  speech:
    '"openai:gpt-4o-mini-tts" (with `openai-api-key`) or "google:gemini-2.5-flash-preview-tts" (with `google-api-key`)'
}

/** Which model makes pictures or speech: the input when set, else the chat model's provider's default. Pure. */
export function chooseMediaModel(kind: MediaKind, input: string, chatModel: ModelSpec): MediaChoice {
  const what = kind === 'image' ? 'pictures' : 'speech'
  if (input.trim()) {
    const spec = parseModelSpec(input, INPUT[kind])
    if (spec.provider.name === 'openai' || spec.provider.name === 'google' || spec.provider.name === 'custom')
      return { ok: true, spec }
    return {
      ok: false,
      reason: `the \`${INPUT[kind]}\` input names ${spec.id}, but git-bob makes ${what} only with OpenAI, Gemini or an OpenAI-compatible server (custom:); set it to e.g. ${EXAMPLE[kind]}`
    }
  }
  const model = DEFAULTS[chatModel.provider.name]?.[kind]
  if (model) return { ok: true, spec: parseModelSpec(`${chatModel.provider.name}:${model}`, INPUT[kind]) }
  return {
    ok: false,
    reason: `the configured model ${chatModel.id} comes from ${chatModel.provider.name}, which offers git-bob no model for ${what}; set the \`${INPUT[kind]}\` input to e.g. ${EXAMPLE[kind]}`
  }
}

export interface MediaSettings {
  credentials: Credentials
  baseUrls: BaseUrls
  timeoutMs: number
  transcript: CallRecorder
  mp3: Mp3Encoder
}

/** What makes an MP3 of 16-bit mono PCM (media/encode-mp3.ts's speechMp3). */
export interface Mp3Encoder {
  /** The constant bit rate, in kbit/s. */
  readonly kbps: number
  /** Why PCM at this rate cannot be an MP3, or null when it can. */
  rateProblem(sampleRate: number): string | null
  encode(pcm: Uint8Array, sampleRate: number, kbps: number): Promise<Uint8Array>
}

export interface Picture {
  bytes: Uint8Array
  mediaType: string
  model: string
}

export interface Speech {
  bytes: Uint8Array
  format: 'mp3' | 'wav'
  model: string
  /** How git-bob made the file from the raw PCM the model spoke (Gemini); null when the model sent the file. */
  encoded: { sampleRate: number; kbps: number | null } | null
}

/** What commands get: the picture and speech models, each one call at a time. */
export interface MediaModels {
  readonly image: MediaChoice
  readonly speech: MediaChoice
  paint(prompt: string): Promise<Picture>
  speak(text: string, format: 'mp3' | 'wav'): Promise<Speech>
}

/** 16-bit mono PCM in a WAV container. Pure. */
export function wavFromPcm(pcm: Uint8Array, sampleRate: number): Uint8Array {
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + pcm.length, 4)
  header.write('WAVEfmt ', 8, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(sampleRate, 24)
  header.writeUInt32LE(sampleRate * 2, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(pcm.length, 40)
  return new Uint8Array(Buffer.concat([header, pcm]))
}

interface Made {
  bytes: Uint8Array
  mediaType: string
  served: string | null
  usage: { inputTokens: number; outputTokens: number }
  /** The sample rate when the bytes are raw 16-bit mono PCM (Gemini's speech), else null. */
  pcmRate?: number
}

async function openaiMedia(
  kind: MediaKind,
  spec: ModelSpec,
  apiKey: string,
  baseURL: string | undefined,
  input: string,
  format: 'mp3' | 'wav',
  timeoutMs: number
): Promise<Made> {
  const { default: OpenAI } = await import('openai')
  const { fromOpenAIError } = await import('./openai-provider.ts')
  const client = new OpenAI({ apiKey, baseURL, timeout: timeoutMs, maxRetries: 1 })
  try {
    if (kind === 'speech') return await openaiSpeech(client, spec, input, format)
    return await openaiImage(client, spec, input)
  } catch (error) {
    throw error instanceof LlmError ? error : fromOpenAIError(error)
  }
}

async function openaiSpeech(
  client: OpenAIClient,
  spec: ModelSpec,
  input: string,
  format: 'mp3' | 'wav'
): Promise<Made> {
  const response = await client.audio.speech.create({
    model: spec.model,
    voice: 'alloy',
    input,
    response_format: format
  })
  const bytes = new Uint8Array(await response.arrayBuffer())
  return {
    bytes,
    mediaType: format === 'mp3' ? 'audio/mpeg' : 'audio/wav',
    served: null,
    usage: { inputTokens: 0, outputTokens: 0 }
  }
}

async function openaiImage(client: OpenAIClient, spec: ModelSpec, input: string): Promise<Made> {
  // DALL·E answers with a URL unless asked for base64; the gpt-image models always send base64.
  const legacy = /^dall-e/i.test(spec.model)
  const result = await client.images.generate({
    model: spec.model,
    prompt: input,
    n: 1,
    size: '1024x1024',
    ...(legacy ? { response_format: 'b64_json' as const } : {})
  })
  const data = result.data?.[0]?.b64_json
  if (!data) throw new LlmError('invalid_output', `${spec.id} returned no image`)
  return {
    bytes: new Uint8Array(Buffer.from(data, 'base64')),
    mediaType: 'image/png',
    served: null,
    usage: { inputTokens: result.usage?.input_tokens ?? 0, outputTokens: result.usage?.output_tokens ?? 0 }
  }
}

async function geminiMedia(
  kind: MediaKind,
  spec: ModelSpec,
  apiKey: string,
  baseUrl: string | undefined,
  input: string,
  timeoutMs: number
): Promise<Made> {
  const { GoogleGenAI, Modality } = await import('@google/genai')
  const { fromGeminiError } = await import('./gemini-provider.ts')
  const ai = new GoogleGenAI({
    apiKey,
    vertexai: false,
    apiVersion: 'v1beta',
    httpOptions: { timeout: timeoutMs, ...(baseUrl ? { baseUrl } : {}) }
  })
  let response
  try {
    response = await ai.models.generateContent({
      model: spec.model,
      contents: input,
      config:
        kind === 'image'
          ? { responseModalities: [Modality.IMAGE, Modality.TEXT] }
          : {
              responseModalities: [Modality.AUDIO],
              speechConfig: { voiceConfig: { prebuiltVoiceConfig: { voiceName: 'Kore' } } }
            }
    })
  } catch (error) {
    throw fromGeminiError(error)
  }
  return geminiMade(kind, spec, response)
}

/** The picture or the speech in Gemini's answer; raw PCM speech keeps its sample rate. */
function geminiMade(kind: MediaKind, spec: ModelSpec, response: GenerateContentResponse): Made {
  const inline = response.candidates?.[0]?.content?.parts?.find((p) => p.inlineData?.data)?.inlineData
  if (!inline?.data)
    throw new LlmError('invalid_output', `${spec.id} returned no ${kind === 'image' ? 'image' : 'audio'}`)
  const bytes = new Uint8Array(Buffer.from(inline.data, 'base64'))
  const mediaType = inline.mimeType ?? ''
  // The TTS models answer "audio/L16;codec=pcm;rate=24000": the file is made from it after the call.
  const pcm = kind === 'speech' && (!mediaType || /^audio\/(L16|pcm)/i.test(mediaType))
  return {
    bytes,
    mediaType: mediaType || (kind === 'image' ? 'image/png' : 'audio/L16;codec=pcm;rate=24000'),
    ...(pcm ? { pcmRate: Number(/rate=(\d+)/.exec(mediaType)?.[1] ?? 24000) } : {}),
    served: response.modelVersion ?? null,
    usage: {
      inputTokens: response.usageMetadata?.promptTokenCount ?? 0,
      outputTokens: response.usageMetadata?.candidatesTokenCount ?? 0
    }
  }
}

type MadeBy = Made & { spec: ModelSpec }

/** The transcript's entry for one call: what was asked, and what came back or the error. */
function mediaCall(
  kind: MediaKind,
  spec: ModelSpec,
  input: string,
  started: number,
  made: Made | null,
  error: string | null
): ModelCall {
  return {
    purpose: kind === 'image' ? 'paint' : 'speak',
    provider: spec.provider.name,
    requestedModel: spec.model,
    servedModel: made?.served ?? null,
    messages: [{ role: 'user', content: input }],
    answer: made ? `(${made.mediaType}, ${made.bytes.length.toLocaleString('en-US')} bytes)` : null,
    usage: made?.usage ?? { inputTokens: 0, outputTokens: 0 },
    durationMs: Date.now() - started,
    attempts: 1,
    error,
    media: kind
  }
}

/** One call to the chosen model, recorded in the transcript whether it succeeds or fails. */
async function callMediaModel(
  kind: MediaKind,
  choice: MediaChoice,
  input: string,
  format: 'mp3' | 'wav',
  settings: MediaSettings
): Promise<MadeBy> {
  if (!choice.ok) throw new ConfigError(`No ${kind} model: ${choice.reason}.`)
  const spec = choice.spec
  const apiKey = resolveApiKey(spec.provider, settings.credentials)
  const baseUrl = baseUrlFor(spec, settings.baseUrls)
  const started = Date.now()
  try {
    const made =
      spec.provider.family === 'gemini'
        ? await geminiMedia(kind, spec, apiKey, baseUrl, input, settings.timeoutMs)
        : await openaiMedia(kind, spec, apiKey, baseUrl, input, format, settings.timeoutMs)
    settings.transcript.add(mediaCall(kind, spec, input, started, made, null))
    return { ...made, spec }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    settings.transcript.add(mediaCall(kind, spec, input, started, null, message))
    throw error
  }
}

/** The speech as the file asked for: as the model sent it, or made from its raw PCM (a WAV, or an MP3). */
async function speechFile(made: MadeBy, format: 'mp3' | 'wav', mp3: Mp3Encoder): Promise<Speech> {
  const model = made.spec.id
  const rate = made.pcmRate
  if (rate === undefined) {
    const sent = /wav/i.test(made.mediaType) ? 'wav' : 'mp3'
    return { bytes: made.bytes, format: sent, model, encoded: null }
  }
  if (format === 'wav')
    return { bytes: wavFromPcm(made.bytes, rate), format, model, encoded: { sampleRate: rate, kbps: null } }
  const problem = mp3.rateProblem(rate)
  if (problem)
    throw new LlmError(
      'invalid_output',
      `${model} spoke PCM that cannot become an MP3 (${problem}): ask for a .wav file`
    )
  const bytes = await mp3.encode(made.bytes, rate, mp3.kbps)
  return { bytes, format, model, encoded: { sampleRate: rate, kbps: mp3.kbps } }
}

export function createMediaModels(
  chatModel: ModelSpec,
  inputs: Record<MediaKind, string>,
  settings: MediaSettings
): MediaModels {
  const choices = {
    image: chooseMediaModel('image', inputs.image, chatModel),
    speech: chooseMediaModel('speech', inputs.speech, chatModel)
  }
  return {
    ...choices,
    async paint(prompt) {
      const made = await callMediaModel('image', choices.image, prompt, 'mp3', settings)
      return { bytes: made.bytes, mediaType: made.mediaType, model: made.spec.id }
    },
    async speak(text, format) {
      const made = await callMediaModel('speech', choices.speech, text, format, settings)
      return speechFile(made, format, settings.mp3)
    }
  }
}
