// Speech as MP3 from 16-bit mono PCM, the raw audio Gemini's text-to-speech models return, encoded here with
// lamejs (a JavaScript port of the LAME encoder). lamejs is LGPL-3.0: it is reached only through the import()
// below, so the bundle keeps it in a chunk of its own in dist/ that can be replaced on its own
// (docs/commands.md, "Recordings").

/** Constant bit rate for speech: a mono voice at 24 kHz sounds clear at 64 kbit/s (480 KB a minute). */
export const SPEECH_KBPS = 64

/** The sample rates MP3 (MPEG-1, 2 and 2.5 Layer III) can carry without resampling. */
const MP3_RATES = new Set([8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000])

/** Samples per call into the encoder: one MPEG-1 Layer III frame (two MPEG-2 frames). */
const BLOCK = 1152

/** Why PCM at this rate cannot be an MP3, or null when it can. Pure. */
export function mp3RateProblem(sampleRate: number): string | null {
  return MP3_RATES.has(sampleRate) ? null : `MP3 takes ${[...MP3_RATES].join(', ')} Hz, not ${sampleRate} Hz`
}

/** Little-endian 16-bit samples, as PCM travels on the wire (an odd last byte is dropped). Pure. */
export function samplesOf(pcm: Uint8Array): Int16Array {
  const view = new DataView(pcm.buffer, pcm.byteOffset, pcm.byteLength)
  const samples = new Int16Array(pcm.byteLength >> 1)
  for (let i = 0; i < samples.length; i++) samples[i] = view.getInt16(i * 2, true)
  return samples
}

/** 16-bit little-endian mono PCM at `sampleRate` as a constant-bit-rate MP3. */
export async function mp3FromPcm(pcm: Uint8Array, sampleRate: number, kbps = SPEECH_KBPS): Promise<Uint8Array> {
  const problem = mp3RateProblem(sampleRate)
  if (problem) throw new Error(problem)
  const { Mp3Encoder } = await import('@breezystack/lamejs')
  const encoder = new Mp3Encoder(1, sampleRate, kbps)
  const samples = samplesOf(pcm)
  const parts: Uint8Array[] = []
  for (let at = 0; at < samples.length; at += BLOCK) parts.push(encoder.encodeBuffer(samples.subarray(at, at + BLOCK)))
  parts.push(encoder.flush())
  // The encoder hands back Int8Arrays whatever its types say: their bytes are copied as bytes.
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.byteLength, 0))
  let offset = 0
  for (const part of parts) {
    out.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), offset)
    offset += part.byteLength
  }
  return out
}

/** The encoder llm/media.ts takes for speech (its Mp3Encoder): this module's rate check and encoding at SPEECH_KBPS. */
export const speechMp3 = { kbps: SPEECH_KBPS, rateProblem: mp3RateProblem, encode: mp3FromPcm }
