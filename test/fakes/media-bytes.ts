// Real, tiny media files made in code for the stand-ins and tests: a PNG, an MP3 frame, a PDF with text
// (and with pictures).
import { crc32, deflateSync } from 'node:zlib'

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** A valid width × height RGB PNG of one colour. */
export function tinyPng(width = 4, height = 3, rgb: [number, number, number] = [200, 40, 40]): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())])
  const pixels = Buffer.concat(Array.from({ length: height }, () => row))
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(pixels)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

/** Two MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz) of silence: 417 bytes each. */
export function tinyMp3(): Buffer {
  const frame = Buffer.alloc(417)
  frame.set([0xff, 0xfb, 0x90, 0x64], 0)
  return Buffer.concat([frame, frame])
}

/** True when the bytes start with an MPEG audio frame header or an ID3 tag. */
export function looksLikeMp3(bytes: Uint8Array): boolean {
  if (bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) return true
  return bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0
}

/** An image drawn on a PDF page: its pixel size and one RGB colour. */
export interface PdfPicture {
  width: number
  height: number
  rgb?: [number, number, number]
}

/**
 * A one-page PDF that shows `text` (ASCII) and draws `pictures` (each an /XObject /Image of raw RGB
 * pixels, deflated), with a correct cross-reference table.
 */
export function tinyPdf(text: string, pictures: readonly PdfPicture[] = []): Buffer {
  const draw = pictures.map((p, i) => `q ${p.width} 0 0 ${p.height} ${20 + i * 80} 20 cm /Im${i + 1} Do Q `).join('')
  const stream = `${draw}BT /F1 18 Tf 40 150 Td (${text.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj ET`
  const images = pictures.map((_, i) => `/Im${i + 1} ${6 + i} 0 R`).join(' ')
  const objects: Buffer[] = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 200] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >>${images ? ` /XObject << ${images} >>` : ''} >> >>`,
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>'
  ].map((o) => Buffer.from(o, 'latin1'))
  for (const p of pictures) {
    const raw = Buffer.alloc(p.width * p.height * 3)
    const [r, g, b] = p.rgb ?? [30, 120, 200]
    for (let i = 0; i < raw.length; i += 3) raw.set([r, g, b], i)
    const pixels = deflateSync(raw)
    const head = `<< /Type /XObject /Subtype /Image /Width ${p.width} /Height ${p.height} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length ${pixels.length} >>\nstream\n`
    objects.push(Buffer.concat([Buffer.from(head, 'latin1'), pixels, Buffer.from('\nendstream', 'latin1')]))
  }
  const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n', 'latin1')]
  let length = chunks[0]!.length
  const offsets: number[] = []
  objects.forEach((body, i) => {
    offsets.push(length)
    const object = Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`, 'latin1'), body, Buffer.from('\nendobj\n', 'latin1')])
    chunks.push(object)
    length += object.length
  })
  let tail = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) tail += `${String(offset).padStart(10, '0')} 00000 n \n`
  tail += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${length}\n%%EOF\n`
  return Buffer.concat([...chunks, Buffer.from(tail, 'latin1')])
}

/**
 * Speech-like 16-bit little-endian mono PCM, as Gemini's TTS models send it: a voice at ~140 Hz whose loudness
 * rises and falls four times a second (syllables), `seconds` long.
 */
export function speechPcm(seconds: number, sampleRate = 24000): Buffer {
  const count = Math.round(seconds * sampleRate)
  const pcm = Buffer.alloc(count * 2)
  for (let i = 0; i < count; i++) {
    const t = i / sampleRate
    const syllable = 0.5 - 0.5 * Math.cos(2 * Math.PI * 4 * t)
    const voice = Math.sin(2 * Math.PI * 140 * t) + 0.4 * Math.sin(2 * Math.PI * 280 * t)
    pcm.writeInt16LE(Math.round(9000 * syllable * voice), i * 2)
  }
  return pcm
}
