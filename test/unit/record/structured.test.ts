import { describe, expect, it } from 'vitest'
import { languageOf, renderStructured } from '../../../src/record/structured.ts'

describe('renderStructured', () => {
  it('renders a plan as its title, its summary and a numbered list of steps', () => {
    const answer = JSON.stringify({
      title: 'Plot downloads per year',
      summary: 'Adds a notebook.\n\n## Why\nAsked in #1.',
      actions: [
        { action: 'create', path: 'plot.ipynb', source: null, reason: 'the plot' },
        { action: 'rename', path: 'data/new.csv', source: 'old.csv', reason: 'a clearer name' }
      ]
    })
    expect(renderStructured('change_plan', 'plan', answer)).toBe(
      [
        '**Plot downloads per year**',
        '',
        '> Adds a notebook.',
        '>',
        '> ## Why',
        '> Asked in #1.',
        '',
        '1. create `plot.ipynb`: the plot',
        '2. rename `data/new.csv` from `old.csv`: a clearer name'
      ].join('\n')
    )
  })

  it('renders a file as its note and a fenced block of its language', () => {
    const answer = JSON.stringify({ content: 'import pandas as pd\nprint(1)\n', note: 'loads the data' })
    expect(renderStructured('file_content', 'write analysis/load.py', answer)).toBe(
      'loads the data\n\n```python\nimport pandas as pd\nprint(1)\n\n```'
    )
    expect(renderStructured('file_content', 'write README.md (again)', answer)).toContain('```markdown\n')
  })

  it('fences a file that contains a fence with a longer one', () => {
    const answer = JSON.stringify({ content: '```python\nx = 1\n```', note: 'docs' })
    expect(renderStructured('file_content', 'write docs/usage.md', answer)).toContain('````markdown\n```python')
  })

  it('renders edits as search and replace blocks', () => {
    const answer = JSON.stringify({ edits: [{ search: 'a = 1', replace: 'a = 2' }], note: 'changes a' })
    const text = renderStructured('file_edits', 'edit src/a.py', answer)!
    expect(text).toBe('changes a\n\nEdit 1: replace\n\n```python\na = 1\n```\n\nwith\n\n```python\na = 2\n```')
  })

  it('renders notebook cells as markdown and Python blocks', () => {
    const answer = JSON.stringify({
      cells: [
        { kind: 'markdown', source: '# Downloads' },
        { kind: 'code', source: 'df.plot()' }
      ],
      note: 'plots downloads'
    })
    expect(renderStructured('notebook_cells', 'write plot.ipynb', answer)).toBe(
      'plots downloads\n\n```markdown\n# Downloads\n```\n\n```python\ndf.plot()\n```'
    )
  })

  it('renders a split as the summary and each new issue with its body quoted', () => {
    const answer = JSON.stringify({
      summary: 'Two parts.',
      issues: [
        { title: 'Load the data', body: 'Read the CSV.\n\n- skip empty lines' },
        { title: 'Plot it', body: 'A bar chart.' }
      ]
    })
    expect(renderStructured('split', 'split', answer)).toBe(
      [
        '> Two parts.',
        '',
        '1. **Load the data**',
        '',
        '   > Read the CSV.',
        '   >',
        '   > - skip empty lines',
        '',
        '2. **Plot it**',
        '',
        '   > A bar chart.'
      ].join('\n')
    )
  })

  it('renders a review as its parts, with line comments and suggestions', () => {
    const answer = JSON.stringify({
      fulfils: 'Yes.',
      risks: ['Empty files crash.'],
      missing: [],
      comments: [
        { path: 'src/a.py', line: 4, start_line: 2, body: 'Use a context manager.', suggestion: 'with open(p):' }
      ]
    })
    const text = renderStructured('review', 'review', answer)!
    expect(text).toContain('**Does it do what was asked?**\n\n> Yes.')
    expect(text).toContain('**Risks**\n\n- Empty files crash.')
    expect(text).toContain('**Missing**\n\n- (none)')
    expect(text).toContain('- `src/a.py` line 2–4: Use a context manager.\n\n  ```python\n  with open(p):\n  ```')
  })

  it('shows an answer that does not fit its schema, or an unknown schema, as indented JSON', () => {
    expect(renderStructured('change_plan', 'plan', '{"title":"x"}')).toBe('```json\n{\n  "title": "x"\n}\n```')
    expect(renderStructured('something_new', 'x', '[1]')).toBe('```json\n[\n  1\n]\n```')
  })

  it('returns null for text that is not JSON', () => {
    expect(renderStructured('change_plan', 'plan', 'Sorry, I cannot')).toBeNull()
  })
})

describe('languageOf', () => {
  it('knows common file types by their extension, and nothing else', () => {
    expect(languageOf('a/b/plot.py')).toBe('python')
    expect(languageOf('CITATION.cff')).toBe('yaml')
    expect(languageOf('Dockerfile')).toBe('dockerfile')
    expect(languageOf('data.XYZ')).toBe('')
    expect(languageOf('Makefile')).toBe('')
  })
})
