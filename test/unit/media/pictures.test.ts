import { describe, expect, it } from 'vitest'
import { isTinyPicture } from '../../../src/media/pictures.ts'
import { tinyPng } from '../../fakes/media-bytes.ts'

describe('pictures too small to show', () => {
  it('are icons and lines below 32 pixels in either direction; unknown sizes are shown', () => {
    expect(isTinyPicture(tinyPng(16, 16))).toBe(true)
    expect(isTinyPicture(tinyPng(300, 2))).toBe(true)
    expect(isTinyPicture(tinyPng(32, 32))).toBe(false)
    const gif = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 10, 0, 10, 0])
    expect(isTinyPicture(gif)).toBe(true)
    gif[6] = 100
    gif[8] = 100
    expect(isTinyPicture(gif)).toBe(false)
    expect(isTinyPicture(new TextEncoder().encode('<svg/>'))).toBe(false)
  })
})
