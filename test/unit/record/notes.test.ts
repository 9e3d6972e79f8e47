import { describe, expect, it } from 'vitest'
import { Notes } from '../../../src/record/notes.ts'

describe('Notes', () => {
  it('keeps what the model is told apart from what people are told, each once', () => {
    const notes = new Notes()
    notes.leftOut('conversation', '2 messages written after the request')
    notes.leftOut('conversation', '2 messages written after the request')
    notes.leftOut('files', 'big.csv (larger than 100,000 bytes)')
    notes.tell('Left out: an image.')
    notes.tell('Left out: an image.')
    expect(notes.forModel).toEqual({
      conversation: ['2 messages written after the request'],
      files: ['big.csv (larger than 100,000 bytes)']
    })
    expect(notes.forPeople).toEqual(['Left out: an image.'])
  })

  it('starts one part over when it is read again, and hands out copies', () => {
    const notes = new Notes()
    notes.leftOut('files', 'a.bin (not a text file)')
    notes.leftOut('conversation', 'the diff')
    const before = notes.forModel
    notes.startOver('files')
    notes.leftOut('files', 'b.bin (not a text file)')
    expect(notes.forModel).toEqual({ conversation: ['the diff'], files: ['b.bin (not a text file)'] })
    expect(before.files).toEqual(['a.bin (not a text file)'])
  })
})
