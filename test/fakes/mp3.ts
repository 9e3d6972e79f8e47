// An MP3 reader independent of the code under test: the MPEG audio frame headers walked from the first byte
// to the last (each header's frame length must lead to the next sync word), and Debian's mpg123 as a real
// decoder. Without mpg123 the decoding tests are skipped; in CI (CI=true, .ci/run installs it) they must run.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface Mp3Walk {
  /** 'MPEG-1', 'MPEG-2' or 'MPEG-2.5'; every frame must agree. */
  version: string
  sampleRate: number
  /** The bit rates the frames use, in kbit/s. */
  bitrates: number[]
  frames: number
  /** Samples per channel that the frames carry (1152 or 576 per frame). */
  samples: number
  seconds: number
}

const BITRATES = {
  1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160]
}
const RATES: Record<number, number[]> = { 3: [44100, 48000, 32000], 2: [22050, 24000, 16000], 0: [11025, 12000, 8000] }
const VERSIONS: Record<number, string> = { 3: 'MPEG-1', 2: 'MPEG-2', 0: 'MPEG-2.5' }

/** Every Layer III frame header from start to end (after an ID3v2 tag, before an ID3v1 tag); throws where one is wrong. */
export function walkMp3(bytes: Uint8Array): Mp3Walk {
  let at = 0
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33)
    at = 10 + (((bytes[6]! & 0x7f) << 21) | ((bytes[7]! & 0x7f) << 14) | ((bytes[8]! & 0x7f) << 7) | (bytes[9]! & 0x7f))
  const end =
    bytes.length >= 128 && Buffer.from(bytes.subarray(-128, -125)).toString('latin1') === 'TAG'
      ? bytes.length - 128
      : bytes.length
  let version: number | null = null
  let sampleRate = 0
  const bitrates = new Set<number>()
  let frames = 0
  let samples = 0
  while (at < end) {
    if (end - at < 4) throw new Error(`${end - at} stray bytes at ${at}`)
    const [b0, b1, b2] = [bytes[at]!, bytes[at + 1]!, bytes[at + 2]!]
    if (b0 !== 0xff || (b1 & 0xe0) !== 0xe0) throw new Error(`no frame sync at byte ${at}`)
    const v = (b1 >> 3) & 3
    if (v === 1) throw new Error(`reserved MPEG version at byte ${at}`)
    if (((b1 >> 1) & 3) !== 1) throw new Error(`not Layer III at byte ${at}`)
    const kbps = BITRATES[v === 3 ? 1 : 2][b2 >> 4]
    const rate = RATES[v]![(b2 >> 2) & 3]
    if (!kbps || !rate) throw new Error(`bad bit rate or sample rate at byte ${at}`)
    if (version !== null && (v !== version || rate !== sampleRate)) throw new Error(`the format changes at byte ${at}`)
    version = v
    sampleRate = rate
    bitrates.add(kbps)
    const length = Math.floor(((v === 3 ? 144_000 : 72_000) * kbps) / rate) + ((b2 >> 1) & 1)
    if (at + length > end) throw new Error(`the frame at byte ${at} runs past the end`)
    at += length
    frames++
    samples += v === 3 ? 1152 : 576
  }
  if (version === null) throw new Error('no frames')
  return {
    version: VERSIONS[version]!,
    sampleRate,
    bitrates: [...bitrates].sort((a, b) => a - b),
    frames,
    samples,
    seconds: samples / sampleRate
  }
}

function hasMpg123(): boolean {
  try {
    execFileSync('mpg123', ['--version'], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

export const mpg123 = hasMpg123()
export const MPG123_MISSING = 'mpg123 is not installed (apt-get install mpg123): MP3 decoding is not checked'
if (!mpg123 && process.env.CI === 'true')
  throw new Error('mpg123 is required in CI (.ci/run installs it), but it is not on PATH')

/** What mpg123 decodes the MP3 to: the WAV's format and length. */
export function decodeMp3(bytes: Uint8Array): { sampleRate: number; channels: number; seconds: number } {
  const dir = mkdtempSync(join(tmpdir(), 'git-bob-mp3-'))
  try {
    writeFileSync(join(dir, 'in.mp3'), bytes)
    execFileSync('mpg123', ['-q', '-w', join(dir, 'out.wav'), join(dir, 'in.mp3')], { stdio: 'pipe' })
    const wav = readFileSync(join(dir, 'out.wav'))
    if (wav.subarray(0, 4).toString('latin1') !== 'RIFF') throw new Error('mpg123 wrote no WAV')
    let channels = 0
    let sampleRate = 0
    let blockAlign = 0
    // The chunks after "WAVE": fmt first, then data (mpg123 may write the data size as 0 or too large when it streams).
    for (let at = 12; at + 8 <= wav.length;) {
      const id = wav.subarray(at, at + 4).toString('latin1')
      const size = wav.readUInt32LE(at + 4)
      if (id === 'fmt ') {
        channels = wav.readUInt16LE(at + 10)
        sampleRate = wav.readUInt32LE(at + 12)
        blockAlign = wav.readUInt16LE(at + 20)
      }
      if (id === 'data') {
        const data = Math.min(size, wav.length - at - 8)
        return { sampleRate, channels, seconds: data / blockAlign / sampleRate }
      }
      at += 8 + size + (size & 1)
    }
    throw new Error('the WAV mpg123 wrote has no data')
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
