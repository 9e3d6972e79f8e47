// The demo's scenes by name, each with what it shows in one line: the tour plays them in this order, `--help` lists
// them and `--scene` picks among them. Pure, and free of src/, so that the demo's arguments are read before the
// action's modules load.

export const SCENES = [
  'comment',
  'ask',
  'implement',
  'try',
  'paint',
  'files',
  'checks',
  'review',
  'remember',
  'split',
  'triage',
  'deploy',
  'go',
  'help',
  'refusal'
] as const
export type Scene = (typeof SCENES)[number]

/** What each scene shows, printed under its title. */
export const SHOWS: Record<Scene, string> = {
  comment: 'an answer on the issue, with the 👀 reaction on the request',
  ask: 'one request answered by another model the repository allows (`allowed-models`): its name is in the stamp',
  implement:
    'a pull request with a notebook (run in the box where Jupyter is installed) and the progress comment, edited in place until it becomes the answer',
  try: 'the same work on a branch, without a pull request; the Python file written passes the syntax check',
  paint: "a picture from the stand-in's image model, committed to the issue's pull request and shown",
  files:
    "a deck (.pptx), a document (.docx), a workbook (.xlsx) and a recording (.mp3, from the stand-in's speech model) in one pull request",
  checks:
    "a change on a pull request's branch: the repository's pytest, found in `tests/`, fails in the box and the model repairs it",
  review: 'a review of a pull request with line comments, one with a suggestion',
  remember:
    'a rule for later reviews, added to the review memory (`.github/git-bob/review-memory.md`) in a pull request of its own',
  split: 'an issue split into sub-issues that say where they came from',
  triage:
    "a new issue triaged: answered, or labelled from the repository's labels (what the schedule does with every new issue)",
  deploy: 'the release workflow, started by an admin and followed until it ends',
  go: 'what "go" answers when no estimate waits for it (an implement or full review above `confirm-above-usd` posts its estimate and waits for "go")',
  help: 'the list of commands, answered without a model',
  refusal: 'a polite refusal for someone with read access only, without a model call'
}
