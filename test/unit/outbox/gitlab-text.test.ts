import { describe, expect, it } from 'vitest'
import { defuseQuickActions, neutraliseGitLabClosing } from '../../../src/outbox/gitlab-text.ts'

const plainOf = (text: string): string => text.replace(/\u200b/g, '')
/** What GitLab's extractor would run: a line starting with "/" and a word, outside closed code fences. */
const quickActions = (text: string): string[] =>
  text.split('\n').flatMap((line) => (/^[ \t]{0,3}\/[A-Za-z_]/.test(line) ? [line.trim()] : []))

describe('quick actions', () => {
  it('escapes every line GitLab would run, keeping what a reader sees', () => {
    const text = 'Done.\n/close\n/merge\n  /assign @root\n/approve now\n/label ~bug'
    const out = defuseQuickActions(text)
    expect(quickActions(out)).toEqual([])
    expect(out).toBe('Done.\n\\/close\n\\/merge\n  \\/assign @root\n\\/approve now\n\\/label ~bug')
  })

  it('escapes a command ended by a carriage return or a tab, and a path at the start of a line', () => {
    expect(defuseQuickActions('ok\r\n/close\r\n/merge\tnow\n/usr/bin/env')).toBe(
      'ok\r\n\\/close\r\n\\/merge\tnow\n\\/usr/bin/env'
    )
  })

  it('leaves paths in prose, and lines in a closed code fence, as they are', () => {
    const text = 'See src/a.py and /usr/bin/env.\n```sh\n/close\n```\nthe end'
    expect(defuseQuickActions(text)).toBe(text)
  })

  it('escapes the lines of a fence that is never closed: GitLab reads them as text', () => {
    expect(defuseQuickActions('```\n/close')).toBe('```\n\\/close')
  })
})

describe("GitLab's closing pattern", () => {
  it.each([
    'Closes #5',
    'fixing group/sub/project#7',
    'Implements issue #3',
    'resolved: https://gitlab.example.org/g/p/-/issues/9',
    'closing issues #1',
    'Fixes JIRA-12'
  ])('breaks "%s"', (text) => {
    const out = neutraliseGitLabClosing(text)
    expect(out).not.toBe(text)
    expect(plainOf(out)).toBe(text)
    expect(neutraliseGitLabClosing(out)).toBe(out)
  })

  it('leaves words without a reference', () => {
    const text = 'closing the gap, implements the plot, fix #'
    expect(neutraliseGitLabClosing(text)).toBe(text)
  })
})
