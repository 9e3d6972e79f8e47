import { describe, expect, it } from 'vitest'
import {
  findCommand,
  mayAddress,
  parseAsk,
  proseLines,
  reviewRequestCommand,
  verbTable,
  type Command,
  type Verb
} from '../../../src/trigger/grammar.ts'

const VERBS: readonly Verb[] = [{ name: 'comment', aliases: ['respond', 'answer', 'think'] }, { name: 'help' }]
const TABLE = verbTable(VERBS)

function find(text: string, botName = 'git-bob'): Command | null {
  return findCommand(text, botName, TABLE)
}

function known(verb: string, word: string, args = ''): Command {
  return { kind: 'known', verb, word, args }
}

describe('verbTable', () => {
  it('maps every name and alias, lower-cased, to the canonical verb', () => {
    const table = verbTable(VERBS)
    expect([...table.entries()].sort()).toEqual(
      [
        ['answer', 'comment'],
        ['comment', 'comment'],
        ['help', 'help'],
        ['respond', 'comment'],
        ['think', 'comment']
      ].sort()
    )
  })

  it('lower-cases keys but keeps the canonical name as registered', () => {
    const table = verbTable([{ name: 'Comment', aliases: ['THINK'] }])
    expect(table.get('comment')).toBe('Comment')
    expect(table.get('think')).toBe('Comment')
    expect(table.has('THINK')).toBe(false)
  })

  it('throws when an alias is registered for two verbs, naming both', () => {
    expect(() =>
      verbTable([
        { name: 'comment', aliases: ['go'] },
        { name: 'help', aliases: ['go'] }
      ])
    ).toThrow(/"go" is registered for both comment and help/)
  })

  it('treats alias collisions case-insensitively', () => {
    expect(() =>
      verbTable([
        { name: 'comment', aliases: ['x'] },
        { name: 'help', aliases: ['X'] }
      ])
    ).toThrow(/registered for both/)
  })

  it('throws when an alias of one verb is the name of another', () => {
    expect(() => verbTable([{ name: 'comment' }, { name: 'help', aliases: ['comment'] }])).toThrow(
      /"comment" is registered for both comment and help/
    )
  })

  it('allows a verb to repeat its own name as an alias', () => {
    const table = verbTable([{ name: 'help', aliases: ['help', 'HELP'] }])
    expect(table.size).toBe(1)
    expect(table.get('help')).toBe('help')
  })

  it('returns an empty table for no verbs', () => {
    expect(verbTable([]).size).toBe(0)
  })
})

describe('findCommand: the basic grammar', () => {
  it.each<[string, Command]>([
    ['git-bob comment', known('comment', 'comment')],
    ['git-bob help', known('help', 'help')],
    ['git-bob, please think about this', known('comment', 'think', 'about this')],
    ['GIT-BOB Comment', known('comment', 'comment')],
    ['@git-bob answer', known('comment', 'answer')],
    ['@git-bob respond', known('comment', 'respond')],
    ['Git-Bob, Please Think About It', known('comment', 'think', 'About It')],
    ['GIT-BOB THINK', known('comment', 'think')],
    ['git-bob please comment', known('comment', 'comment')],
    ['git-bob, comment', known('comment', 'comment')],
    ['git-bob,comment', known('comment', 'comment')],
    ['git-bob ,comment', known('comment', 'comment')],
    ['git-bob please, comment on it', known('comment', 'comment', 'on it')],
    ['git-bob, Please, Comment now', known('comment', 'comment', 'now')],
    ['git-bob\tcomment', known('comment', 'comment')],
    ['git-bob     comment', known('comment', 'comment')]
  ])('%j -> %j', (text, expected) => {
    expect(find(text)).toEqual(expected)
  })

  it('finds the command anywhere in a line', () => {
    expect(find('Hi there, git-bob comment on the failing test')).toEqual(
      known('comment', 'comment', 'on the failing test')
    )
    expect(find('hey git-bob, please answer: why?')).toEqual(known('comment', 'answer', ': why?'))
  })

  it('finds the command on any line', () => {
    expect(find('Some context.\n\nMore context.\ngit-bob help me\nThanks!')).toEqual(known('help', 'help', 'me'))
  })

  it('reports the verb word lower-cased and the canonical verb for aliases', () => {
    const command = find('git-bob THINK hard')
    expect(command).toEqual({ kind: 'known', verb: 'comment', word: 'think', args: 'hard' })
  })

  it('keeps the case of the args and trims them', () => {
    expect(find('git-bob comment   On The README  ')).toEqual(known('comment', 'comment', 'On The README'))
  })

  it('args are the rest of the line only, not following lines', () => {
    expect(find('git-bob comment first line\nsecond line')).toEqual(known('comment', 'comment', 'first line'))
  })

  it('args end where the bot is addressed again on the same line', () => {
    expect(find('git-bob comment git-bob help')).toEqual(known('comment', 'comment'))
    expect(find('git-bob comment on this, then ask @git-bob later')).toEqual(
      known('comment', 'comment', 'on this, then ask')
    )
    expect(find('git-bob comment on this GIT-BOB help')).toEqual(known('comment', 'comment', 'on this'))
  })

  it('args are not cut at the name inside a longer word, path or URL', () => {
    expect(find('git-bob comment about not-git-bob stuff')).toEqual(
      known('comment', 'comment', 'about not-git-bob stuff')
    )
    expect(find('git-bob comment see the git-bob-ts repo')).toEqual(
      known('comment', 'comment', 'see the git-bob-ts repo')
    )
    expect(find('git-bob comment on https://x/git-bob now')).toEqual(
      known('comment', 'comment', 'on https://x/git-bob now')
    )
    expect(find('git-bob comment gitbob git-bobs')).toEqual(known('comment', 'comment', 'gitbob git-bobs'))
  })

  it('accepts the name right after punctuation', () => {
    expect(find('(git-bob comment)')).toMatchObject({ kind: 'known', verb: 'comment' })
    expect(find('**git-bob comment**')).toMatchObject({ kind: 'known', verb: 'comment' })
  })

  it('the first trigger in the text wins', () => {
    expect(find('git-bob help\ngit-bob comment')).toEqual(known('help', 'help'))
    expect(find('first: git-bob comment x\nthen git-bob help y')).toEqual(known('comment', 'comment', 'x'))
  })

  it('the first known verb wins over an unknown verb before it, on another line', () => {
    expect(find('git-bob frobnicate\ngit-bob comment')).toEqual(known('comment', 'comment'))
  })

  it('the first known verb wins over an unknown verb before it, on the same line', () => {
    expect(find('git-bob why is this slow? git-bob help')).toEqual(known('help', 'help'))
  })

  it('the first known verb wins over a later known verb on the same line', () => {
    expect(find('git-bob help GIT-BOB comment')).toEqual(known('help', 'help'))
  })

  it('when only unknown words address the bot, the first one is returned', () => {
    expect(find('git-bob why\ngit-bob how')).toEqual({ kind: 'unknown', word: 'why', args: '' })
    expect(find('git-bob why this? git-bob how')).toEqual({ kind: 'unknown', word: 'why', args: 'this?' })
  })

  it('a later known verb wins over an earlier mention without a verb', () => {
    expect(find('thanks git-bob. git-bob help')).toEqual(known('help', 'help'))
  })

  it('a known verb inside inline code does not count; the unknown word in prose is returned', () => {
    expect(find('`git-bob help`\ngit-bob frobnicate')).toEqual({ kind: 'unknown', word: 'frobnicate', args: '' })
  })

  it('skips lines that mention the bot without a verb and keeps looking', () => {
    expect(find('thanks git-bob.\ngit-bob help')).toEqual(known('help', 'help'))
  })
})

describe('findCommand: unknown verbs', () => {
  it.each<[string, string, string]>([
    ['git-bob frobnicate the thing', 'frobnicate', 'the thing'],
    ['git-bob, please frobnicate', 'frobnicate', ''],
    ['@git-bob Deploy now', 'deploy', 'now'],
    ['git-bob comment-on x', 'comment-on', 'x'],
    ['git-bob comments', 'comments', ''],
    ['git-bob pleasecomment', 'pleasecomment', '']
  ])('%j is unknown word %j with args %j', (text, word, args) => {
    expect(find(text)).toEqual({ kind: 'unknown', word, args })
  })
})

describe('findCommand: no verb means no command', () => {
  it.each([
    '',
    'nothing to see here',
    'thanks git-bob.',
    'thanks git-bob!',
    'git-bob',
    'git-bob please',
    'git-bob, please',
    'git-bob please.',
    'git-bob please please comment',
    'git-bob 123',
    'git-bob: comment',
    "git-bob's comment was helpful",
    'git-bob, , comment',
    'git-bob\ncomment',
    'comment git-bob'
  ])('%j -> null', (text) => {
    expect(find(text)).toBeNull()
  })
})

describe('findCommand: the name must stand alone', () => {
  it.each([
    'not-git-bob comment',
    'git-bob-ts comment',
    'git-bob_x comment',
    'git-bobcomment',
    'mygit-bob comment',
    'x/git-bob comment',
    'foo.git-bob comment',
    'https://github.com/x/git-bob comment',
    'see github.com/haesleinhuepf/git-bob comment',
    'run ./git-bob comment',
    'git-bob.comment'
  ])('%j -> null', (text) => {
    expect(find(text)).toBeNull()
  })

  it('a longer word on one line does not hide a real trigger on the next', () => {
    expect(find('not-git-bob comment\ngit-bob help')).toEqual(known('help', 'help'))
  })
})

describe('findCommand: quotes', () => {
  it.each([
    '> git-bob comment',
    '>git-bob comment',
    '  > git-bob comment',
    '   >git-bob comment',
    '> > git-bob comment',
    '>> git-bob comment',
    '\t> git-bob comment',
    '> someone wrote:\n> git-bob comment'
  ])('%j -> null', (text) => {
    expect(find(text)).toBeNull()
  })

  it('a trigger after the quote counts', () => {
    expect(find('> git-bob comment\n\ngit-bob help')).toEqual(known('help', 'help'))
  })

  it('a ">" later in the line is not a quote', () => {
    expect(find('a > b, so git-bob comment')).toEqual(known('comment', 'comment'))
  })
})

describe('findCommand: fenced code blocks', () => {
  it.each([
    '```\ngit-bob comment\n```',
    '~~~\ngit-bob comment\n~~~',
    '```python\ngit-bob comment\n```',
    '``` js title="x"\ngit-bob comment\n```',
    '~~~markdown\ngit-bob comment\n~~~',
    '````\ngit-bob comment\n````',
    '   ```\ngit-bob comment\n   ```',
    // An unclosed fence makes the rest of the text code.
    '```\ngit-bob comment',
    'intro\n```sh\necho hi\ngit-bob comment\n\nmore',
    // A shorter fence does not close a longer one.
    '````\n```\ngit-bob comment\n````',
    '````\ngit-bob comment\n```\ngit-bob help',
    // The other fence character does not close it either.
    '```\ngit-bob comment\n~~~\ngit-bob help',
    '~~~\n```\ngit-bob comment\n```\ngit-bob help',
    // A closing fence has nothing after it; "```x" opens nothing and closes nothing.
    '```\ngit-bob comment\n```x\ngit-bob help'
  ])('%j -> null', (text) => {
    expect(find(text)).toBeNull()
  })

  it('text after a closed fence counts', () => {
    expect(find('```python\ngit-bob comment\n```\ngit-bob help')).toEqual(known('help', 'help'))
    expect(find('~~~\ngit-bob comment\n~~~\ngit-bob help')).toEqual(known('help', 'help'))
  })

  it('a longer closing fence closes the block', () => {
    expect(find('```\ngit-bob comment\n`````\ngit-bob help')).toEqual(known('help', 'help'))
  })

  it('a closing fence may have trailing spaces and up to three leading spaces', () => {
    expect(find('```\ngit-bob comment\n```   \ngit-bob help')).toEqual(known('help', 'help'))
    expect(find('```\ngit-bob comment\n   ```\ngit-bob help')).toEqual(known('help', 'help'))
  })

  it('inner fences of the other kind do not end the outer block early', () => {
    expect(find('````md\n```\ninner\n```\ngit-bob comment\n````\ngit-bob help')).toEqual(known('help', 'help'))
  })

  it('a trigger before the fence wins', () => {
    expect(find('git-bob help\n```\ngit-bob comment\n```')).toEqual(known('help', 'help'))
  })

  it('backticks indented by four spaces are an indented code line, not a fence; fences nest in list items', () => {
    expect(find('    ```\ngit-bob comment')).toEqual(known('comment', 'comment'))
    expect(find('- item\n  ```\n  git-bob comment\n  ```\ngit-bob help')).toEqual(known('help', 'help'))
  })
})

describe('findCommand: inline code', () => {
  it.each([
    '`git-bob comment`',
    'try `git-bob comment` to get an answer',
    '``git-bob comment``',
    '`` `git-bob` comment ``',
    '```git-bob comment``` inline with triple backticks'
  ])('%j -> null', (text) => {
    expect(find(text)).toBeNull()
  })

  it('text outside the inline code on the same line still counts', () => {
    expect(find('use `x` then git-bob comment `y`')).toEqual(known('comment', 'comment', ''))
  })

  it('a mention in code followed by a real trigger on the next line', () => {
    expect(find('`git-bob comment`\ngit-bob help')).toEqual(known('help', 'help'))
  })

  it('a lone backtick is not a code span', () => {
    expect(find('`git-bob comment')).toEqual(known('comment', 'comment'))
  })
})

describe('findCommand: HTML comments', () => {
  it.each([
    '<!-- git-bob comment -->',
    'visible <!-- git-bob comment --> text',
    '<!--\ngit-bob comment\n-->',
    '<!--\n\ngit-bob comment\n\nmore\n-->',
    // An unterminated comment hides the rest.
    'text\n<!-- git-bob comment',
    '<!--\ngit-bob comment'
  ])('%j -> null', (text) => {
    expect(find(text)).toBeNull()
  })

  it('text after a closed comment counts', () => {
    expect(find('<!--\ngit-bob comment\n-->\ngit-bob help')).toEqual(known('help', 'help'))
    expect(find('<!-- hidden --> git-bob help')).toEqual(known('help', 'help'))
  })

  it('two comments on one line do not hide what lies between them', () => {
    expect(find('<!-- a --> git-bob help <!-- b -->')).toEqual(known('help', 'help'))
  })
})

describe('findCommand: line endings', () => {
  it('handles CRLF', () => {
    expect(find('Hello\r\ngit-bob help me\r\nbye\r\n')).toEqual(known('help', 'help', 'me'))
  })

  it('does not leak \\r into the args', () => {
    const command = find('git-bob comment on this please\r\nnext line')
    expect(command).toEqual(known('comment', 'comment', 'on this please'))
  })

  it('handles lone CR as a line break', () => {
    expect(find('git-bob help\rgit-bob comment')).toEqual(known('help', 'help'))
    expect(find('intro\rgit-bob comment x')).toEqual(known('comment', 'comment', 'x'))
  })

  it('fences and quotes work with CRLF', () => {
    expect(find('```\r\ngit-bob comment\r\n```\r\ngit-bob help\r\n')).toEqual(known('help', 'help'))
    expect(find('> git-bob comment\r\n')).toBeNull()
  })
})

describe('findCommand: custom bot names', () => {
  it('matches a name with a regex special character literally', () => {
    expect(find('bob.ai comment', 'bob.ai')).toEqual(known('comment', 'comment'))
    expect(find('@bob.ai help me', 'bob.ai')).toEqual(known('help', 'help', 'me'))
    expect(find('BOB.AI, please think', 'bob.ai')).toEqual(known('comment', 'think'))
  })

  it('a "." in the name does not match any character', () => {
    expect(find('bobxai comment', 'bob.ai')).toBeNull()
  })

  it('the name must stand alone', () => {
    expect(find('x.bob.ai comment', 'bob.ai')).toBeNull()
    expect(find('bob.ai-2 comment', 'bob.ai')).toBeNull()
  })

  it('other regex characters are escaped too', () => {
    expect(find('bob+ai comment', 'bob+ai')).toEqual(known('comment', 'comment'))
    expect(find('bobbbai comment', 'bob+ai')).toBeNull()
    expect(find('x comment', '[x]')).toBeNull()
    expect(find('[x] comment', '[x]')).toEqual(known('comment', 'comment'))
    expect(find('a$b comment', 'a$b')).toEqual(known('comment', 'comment'))
  })

  it('the default name does not trigger a bot with another name', () => {
    expect(find('git-bob comment', 'bob.ai')).toBeNull()
    expect(find('bob.ai comment', 'git-bob')).toBeNull()
  })

  it('a name with an underscore', () => {
    expect(find('my_bot help', 'my_bot')).toEqual(known('help', 'help'))
  })
})

describe('proseLines', () => {
  it('normalises line endings', () => {
    expect(proseLines('a\r\nb\rc\nd')).toEqual(['a', 'b', 'c', 'd'])
  })

  // Code is blanked (replaced by spaces, line structure kept); quote lines are dropped.
  const trimmed = (text: string): string[] => proseLines(text).map((l) => l.trim())

  it('drops quotes, blanks fences and their content, and removes HTML comments', () => {
    expect(trimmed('a\n> q\n```js\nx\n```\nb<!-- h -->c\n<!--\nhidden\n-->\nd')).toEqual(['a', '', '', 'bc', 'd'])
  })

  it('blanks inline code', () => {
    expect(proseLines('b `c` d')).toEqual(['b   d'])
    expect(proseLines('x ``a ` b`` y')).toEqual(['x       y'])
  })

  it('blanks everything after an unclosed fence', () => {
    expect(trimmed('a\n~~~\nb\nc')).toEqual(['a', '', ''])
  })

  it('puts each block on its own line', () => {
    expect(proseLines('a\n\nb')).toEqual(['a', 'b'])
  })

  it('returns one empty line for empty text', () => {
    expect(proseLines('')).toEqual([''])
  })
})

describe('findCommand: markdown that GitHub renders as code, quotes or hidden text', () => {
  it.each<[string, string | null]>([
    ['- ```\n  git-bob comment\n  ```', null],
    ['1. item\n\n    ```\n    git-bob comment\n    ```', null],
    ['- > git-bob comment', null],
    ['`a\ngit-bob comment`', null],
    ['<!-- a `x` git-bob comment -->', null],
    ['me@git-bob comment', null],
    ['#git-bob comment', null],
    ['git-bob please git-bob help', 'help'],
    ['`<!--` git-bob comment', 'comment'],
    ['```\n<!--\n```\ngit-bob comment', 'comment'],
    ['```git-bob comment```\ngit-bob help', 'help'],
    ['text\n\n`a\n\ngit-bob comment`', 'comment']
  ])('%j -> %s', (text, verb) => {
    const found = find(text)
    expect(found?.kind === 'known' ? found.verb : found).toBe(verb)
  })

  it('cuts the arguments only at a real second address, not at a file named after the bot', () => {
    expect(find('git-bob comment fix git-bob.yml')).toEqual(known('comment', 'comment', 'fix git-bob.yml'))
  })
})

describe('findCommand: "ask <model> to <verb>"', () => {
  const asked = (verb: string, word: string, model: string, args = ''): Command => ({
    kind: 'known',
    verb,
    word,
    args,
    model
  })

  it.each<[string, Command]>([
    ['git-bob ask claude to think about this', asked('comment', 'think', 'claude', 'about this')],
    [
      'git-bob, please ask anthropic:claude-sonnet-4-5 to comment',
      asked('comment', 'comment', 'anthropic:claude-sonnet-4-5')
    ],
    [
      '@git-bob ask openai:gpt-4.1-mini to answer briefly',
      asked('comment', 'answer', 'openai:gpt-4.1-mini', 'briefly')
    ],
    ['GIT-BOB ASK Gemini:gemini-2.5-flash TO Respond', asked('comment', 'respond', 'Gemini:gemini-2.5-flash')],
    ['git-bob ask claude, to comment', asked('comment', 'comment', 'claude')],
    ['git-bob ask claude to please comment', asked('comment', 'comment', 'claude')],
    ['git-bob ask ollama:llama3.2:3b to help', asked('help', 'help', 'ollama:llama3.2:3b')],
    [
      'Hi!\ngit-bob ask custom:Qwen/Qwen2.5-7B-Instruct to think about it',
      asked('comment', 'think', 'custom:Qwen/Qwen2.5-7B-Instruct', 'about it')
    ]
  ])('%j -> %j', (text, expected) => {
    expect(find(text)).toEqual(expected)
  })

  it('keeps the model of an unknown verb, which gets the help text', () => {
    expect(find('git-bob ask claude to dance')).toEqual({ kind: 'unknown', word: 'dance', args: '', model: 'claude' })
  })

  it('treats "ask" without "<model> to <verb>" as an unknown word', () => {
    expect(find('git-bob ask why this fails')).toEqual({ kind: 'unknown', word: 'ask', args: 'why this fails' })
    expect(find('git-bob ask')).toEqual({ kind: 'unknown', word: 'ask', args: '' })
  })

  it('has no model for a plain command', () => {
    expect(find('git-bob comment')).not.toHaveProperty('model')
  })

  it('does not count an ask in quotes or code', () => {
    expect(find('> git-bob ask claude to comment')).toBeNull()
    expect(find('`git-bob ask claude to comment`')).toBeNull()
    expect(find('```\ngit-bob ask claude to comment\n```')).toBeNull()
  })

  it('the first known command wins, asked or not', () => {
    expect(find('git-bob ask claude to dance, then git-bob comment')).toEqual(known('comment', 'comment'))
    expect(find('git-bob comment\ngit-bob ask claude to comment')).toEqual(known('comment', 'comment'))
  })

  it('a registered verb named "ask" takes precedence over the grammar', () => {
    const table = verbTable([...VERBS, { name: 'ask' }])
    expect(findCommand('git-bob ask claude to comment', 'git-bob', table)).toEqual({
      kind: 'known',
      verb: 'ask',
      word: 'ask',
      args: 'claude to comment'
    })
  })
})

describe('parseAsk', () => {
  it('reads the model, the verb word and the rest', () => {
    expect(parseAsk('claude to think about this')).toEqual({ model: 'claude', word: 'think', args: 'about this' })
  })

  it('is null for other text', () => {
    expect(parseAsk('me anything')).toBeNull()
    expect(parseAsk('')).toBeNull()
  })
})

describe('reviewRequestCommand', () => {
  it('is the review command when the review was requested from the bot-login, in any case', () => {
    expect(reviewRequestCommand('Bob-Reviewer', 'bob-reviewer')).toEqual({
      kind: 'known',
      verb: 'review',
      word: 'review',
      args: ''
    })
  })

  it.each<[string | null, string | null]>([
    ['alice', 'bob-reviewer'],
    [null, 'bob-reviewer'],
    ['bob-reviewer', null],
    [null, null]
  ])('is nothing for reviewer %j and bot-login %j', (requested, botLogin) => {
    expect(reviewRequestCommand(requested, botLogin)).toBeNull()
  })
})

describe('findCommand: HTML that GitHub renders as code or quotes', () => {
  it.each([
    '<code>git-bob comment</code>',
    '<pre>\ngit-bob comment\n</pre>',
    '<blockquote>\ngit-bob comment\n</blockquote>',
    '<kbd>git-bob help</kbd>',
    '<CODE class="x">git-bob comment</CODE>'
  ])('%j -> null', (text) => {
    expect(find(text)).toBeNull()
  })

  it('still finds a command after such an element', () => {
    expect(find('<code>git-bob help</code> then git-bob comment')).toEqual(known('comment', 'comment'))
  })
})

describe('findCommand: only rendered prose', () => {
  const VERBS = verbTable([{ name: 'implement' }])
  it.each([
    '[//]: # (git-bob implement this)',
    '<img alt="git-bob implement this" src="x.png">',
    '<span title="git-bob implement this">hi</span>',
    '    git-bob implement this',
    '[a](https://x.y "git-bob implement")',
    '![git-bob implement](x.png)',
    '<code>git-bob implement</code>',
    '<blockquote>git-bob implement</blockquote>'
  ])('ignores %j, which a reader does not see as prose', (text) => {
    expect(findCommand(text, 'git-bob', VERBS)).toBeNull()
  })

  it.each(['<div>git-bob implement</div>', 'text\n    git-bob implement', '**git-bob implement**'])(
    'finds %j, which GitHub renders as prose',
    (text) => {
      expect(findCommand(text, 'git-bob', VERBS)).toMatchObject({ kind: 'known', verb: 'implement' })
    }
  )
})

describe('findCommand on a text too complex to read (markdown/limits.ts)', () => {
  const deep = '> '.repeat(15_000)
  it('takes no command from it, even in what looks like prose', () => {
    expect(find(`${deep}a\n\ngit-bob comment please`)).toMatchObject({ kind: 'unknown', word: '' })
    expect(find(`${'*a'.repeat(15_000)}\n\ngit-bob help`)).toMatchObject({ kind: 'unknown', word: '' })
  })

  it('answers with the reason when the bot is addressed anywhere in it, quoted or in code too', () => {
    expect(find(`${deep}git-bob comment`)).toEqual({
      kind: 'unknown',
      word: '',
      args: '',
      unreadable: 'it nests quotes or lists more than 100 levels deep'
    })
    expect(find(`${deep}a\n\n\`git-bob help\``)).toMatchObject({ unreadable: expect.any(String) })
  })

  it('is not addressed at all when the name is not there, or only inside a word', () => {
    expect(find(`${deep}a`)).toBeNull()
    expect(find(`${deep}not-git-bob comment`)).toBeNull()
    expect(proseLines(`${deep}git-bob comment`)).toEqual([''])
  })
})

describe('mayAddress', () => {
  it('finds the name anywhere, in any case, as written: in prose, a quote or code alike', () => {
    for (const text of ['git-bob comment', '> GIT-BOB think', '`git-bob`', 'see git-bobby', 'x@Git-Bob'])
      expect(mayAddress(text, 'git-bob'), text).toBe(true)
  })

  it('finds the name spelt with character references or escapes, as GitHub shows it', () => {
    for (const text of [
      '&#103;it-bob implement',
      'git&#x2D;bob comment',
      '&#x67;it&#45;bob comment',
      'git\\-bob comment'
    ])
      expect(mayAddress(text, 'git-bob'), text).toBe(true)
  })

  it('does not find a text without the name', () => {
    for (const text of ['just chatting about bob', 'git bob comment', 'git*-*bob comment', `> a${'\na'.repeat(100)}`])
      expect(mayAddress(text, 'git-bob'), text).toBe(false)
  })
})
