// The Python that runs Jupyter, read from the first lines of its `jupyter-nbconvert` entry point: the environment
// that holds nbconvert holds nbclient too (nbconvert executes notebooks with it), so git-bob's own small runner
// (run-notebook.py) can start there without nbconvert's imports.

/** Longer lines than this are not an entry point's (a Python launcher's first two lines are short). */
const MAX_LINE = 1_000

/**
 * The interpreter's command line from an entry point's opening text: `#!/usr/bin/python3` (any absolute path to a
 * Python, with its flags), or the shell trampoline pip writes when the interpreter's path is too long or holds spaces
 * (`#!/bin/sh` then `'''exec' "/path/to/python" "$0" "$@"`). Null for anything else: the caller runs nbconvert.
 */
export function interpreterOf(opening: string): string[] | null {
  const [first = '', second = ''] = opening.split('\n', 2)
  if (first.length > MAX_LINE || second.length > MAX_LINE || !first.startsWith('#!')) return null
  const shebang = first.slice(2).trim().split(/\s+/)
  if (shebang[0] === '/bin/sh') {
    const trampoline = /^'''exec' (?:"([^"]+)"|(\S+)) "\$0" "\$@"\s*$/.exec(second)
    const path = trampoline?.[1] ?? trampoline?.[2]
    return path?.startsWith('/') ? [path] : null
  }
  // `env python3` would find the first Python on the box's PATH, which need not be the one with nbclient: nbconvert
  // then runs as it is (and finds its own Python as it always has).
  if (!shebang[0]?.startsWith('/') || !/\/python[\d.]*$/.test(shebang[0])) return null
  return shebang
}
