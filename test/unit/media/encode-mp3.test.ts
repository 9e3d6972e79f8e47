import { describe, expect, it } from 'vitest'
import { mp3FromPcm, mp3RateProblem, samplesOf, SPEECH_KBPS } from '../../../src/media/encode-mp3.ts'
import { speechPcm } from '../../fakes/media-bytes.ts'
import { decodeMp3, mpg123, MPG123_MISSING, walkMp3 } from '../../fakes/mp3.ts'

describe('MP3 from PCM', () => {
  it('reads the PCM as little-endian 16-bit samples', () => {
    expect([...samplesOf(new Uint8Array([0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0x07]))]).toEqual([1, -1, -32768])
  })

  it('encodes 2.5 s of 24 kHz speech as MPEG-2 Layer III frames at 64 kbit/s, from the first byte to the last', async () => {
    const mp3 = await mp3FromPcm(speechPcm(2.5), 24000)
    const walk = walkMp3(mp3)
    expect(walk).toMatchObject({ version: 'MPEG-2', sampleRate: 24000, bitrates: [SPEECH_KBPS] })
    // The encoder adds its delay and pads the last frame: a few frames more, never fewer.
    expect(walk.seconds).toBeGreaterThanOrEqual(2.5)
    expect(walk.seconds).toBeLessThan(2.65)
    // Constant bit rate: 64 kbit/s for 2.5 s is 20 kB, give or take a frame.
    expect(Math.abs(mp3.length - 20_000)).toBeLessThan(1_000)
    // The walk is strict: a cut last frame or a stray byte is found.
    expect(() => walkMp3(mp3.subarray(0, mp3.length - 10))).toThrow('runs past the end')
    expect(() => walkMp3(new Uint8Array([...mp3.subarray(0, 200), 0, ...mp3.subarray(200)]))).toThrow('no frame sync')
  })

  it('keeps other sample rates MP3 carries, and names the ones it cannot', async () => {
    expect(walkMp3(await mp3FromPcm(speechPcm(0.5, 16000), 16000)).sampleRate).toBe(16000)
    expect(walkMp3(await mp3FromPcm(speechPcm(0.5, 44100), 44100, 128))).toMatchObject({
      version: 'MPEG-1',
      sampleRate: 44100,
      bitrates: [128]
    })
    expect(mp3RateProblem(24000)).toBeNull()
    expect(mp3RateProblem(23000)).toContain('not 23000 Hz')
    await expect(mp3FromPcm(speechPcm(0.1, 23000), 23000)).rejects.toThrow('not 23000 Hz')
  })

  it.skipIf(!mpg123)(
    `decodes with mpg123 to as long a recording as went in${mpg123 ? '' : ` (${MPG123_MISSING})`}`,
    async () => {
      const decoded = decodeMp3(await mp3FromPcm(speechPcm(3), 24000))
      expect(decoded.sampleRate).toBe(24000)
      expect(decoded.channels).toBe(1)
      expect(Math.abs(decoded.seconds - 3)).toBeLessThan(0.1)
    }
  )
})
