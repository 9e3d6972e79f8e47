import { describe, expect, it } from 'vitest'
import { asOfRequest, asOfRequestNotes, EDITED_AFTER_REQUEST } from '../../../src/conversation/as-of-request.ts'

const REQUEST = '2024-03-01T12:00:00Z'
const message = (createdAt: string, updatedAt = createdAt, body = `written ${createdAt}`) => ({
  createdAt,
  updatedAt,
  body
})

describe('asOfRequest', () => {
  it('keeps what was written by the request, leaves out what came after, and replaces later edits by a note', () => {
    const result = asOfRequest(
      [
        message('2024-03-01T11:00:00Z'),
        message('2024-03-01T12:00:00Z'),
        message('2024-03-01T11:30:00Z', '2024-03-01T12:00:01Z', 'changed since'),
        message('2024-03-01T12:00:01Z')
      ],
      REQUEST
    )
    expect(result.kept.map((m) => m.body)).toEqual([
      'written 2024-03-01T11:00:00Z',
      'written 2024-03-01T12:00:00Z',
      EDITED_AFTER_REQUEST
    ])
    expect(result).toMatchObject({ later: 1, edited: 1 })
    expect(asOfRequestNotes(result)).toEqual([
      '1 message written after the request',
      'the text of 1 message edited after the request'
    ])
  })

  it("keeps the text of a message whose edits do not count (git-bob's own progress comment)", () => {
    const own = message('2024-03-01T11:00:00Z', '2024-03-01T13:00:00Z', 'progress')
    const result = asOfRequest([own], REQUEST, (m) => m.body === 'progress')
    expect(result.kept).toEqual([own])
    expect(asOfRequestNotes(result)).toEqual([])
  })

  it('leaves out a message whose time does not parse: it cannot be shown to be older than the request', () => {
    expect(asOfRequest([message('')], REQUEST)).toMatchObject({ kept: [], later: 1 })
  })
})
