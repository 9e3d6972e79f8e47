// The pixel size and type of a PNG or JPEG, from its header, so pictures keep their proportions. Pure.

export interface ImageInfo {
  type: 'png' | 'jpg'
  width: number
  height: number
}

export function imageInfo(bytes: Uint8Array): ImageInfo | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (bytes.length >= 24 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47)
    return { type: 'png', width: view.getUint32(16), height: view.getUint32(20) }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return null
  // JPEG: walk the segments to the first start-of-frame marker.
  let at = 2
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null
    const marker = bytes[at + 1]!
    const length = view.getUint16(at + 2)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)
      return { type: 'jpg', height: view.getUint16(at + 5), width: view.getUint16(at + 7) }
    at += 2 + length
  }
  return null
}

/** The largest size of the same proportions within a box. */
export function fitInto(info: ImageInfo, maxWidth: number, maxHeight: number): { width: number; height: number } {
  const scale = Math.min(maxWidth / Math.max(info.width, 1), maxHeight / Math.max(info.height, 1))
  return { width: info.width * scale, height: info.height * scale }
}
