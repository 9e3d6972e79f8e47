import { describe, expect, it } from 'vitest'
import { interpreterOf } from '../../../../src/adapters/jupyter/interpreter.ts'

describe('interpreterOf', () => {
  it("names the Python of a Debian, venv or conda entry point's first line", () => {
    expect(interpreterOf('#!/usr/bin/python3\n# EASY-INSTALL-ENTRY-SCRIPT\n')).toEqual(['/usr/bin/python3'])
    expect(interpreterOf('#!/home/me/.venv/bin/python\nimport re\n')).toEqual(['/home/me/.venv/bin/python'])
    expect(interpreterOf('#!/opt/conda/bin/python3.12 -s\n')).toEqual(['/opt/conda/bin/python3.12', '-s'])
  })

  it('reads the shell trampoline pip writes for a long path or one with spaces', () => {
    const quoted = `#!/bin/sh\n'''exec' "/home/me/My Lab/.venv/bin/python" "$0" "$@"\n' '''\n`
    expect(interpreterOf(quoted)).toEqual(['/home/me/My Lab/.venv/bin/python'])
    const bare = `#!/bin/sh\n'''exec' /very/long/path/bin/python3 "$0" "$@"\n' '''\n`
    expect(interpreterOf(bare)).toEqual(['/very/long/path/bin/python3'])
  })

  it('gives null for anything else, so that jupyter nbconvert runs as it is', () => {
    expect(interpreterOf('')).toBeNull()
    expect(interpreterOf('\x7fELF\x02\x01')).toBeNull()
    expect(interpreterOf('#!/bin/sh\nexec python3 -m nbconvert "$@"\n')).toBeNull()
    // env would take the first Python on the PATH, perhaps one without nbclient: nbconvert finds its own.
    expect(interpreterOf('#!/usr/bin/env python3\n')).toBeNull()
    expect(interpreterOf('#!/usr/bin/env -S python3 -E\n')).toBeNull()
    expect(interpreterOf('#!python3\n')).toBeNull()
    expect(interpreterOf('#!/usr/bin/perl\n')).toBeNull()
    expect(interpreterOf(`#!/bin/sh\n'''exec' python3 "$0" "$@"\n`)).toBeNull()
    expect(interpreterOf(`#!/usr/bin/${'p'.repeat(2_000)}\n`)).toBeNull()
  })
})
