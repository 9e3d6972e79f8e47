// Replaced at bundle time (scripts/build.ts) and in tests (vitest.config.ts) from package.json.
declare const __GIT_BOB_VERSION__: string
declare const __GIT_BOB_HOMEPAGE__: string

declare module '*.md' {
  const text: string
  export default text
}

/** Shell scripts git-bob runs (adapters/sandbox/box.sh), bundled as text like the prompts. */
declare module '*.sh' {
  const text: string
  export default text
}

/** Python git-bob runs in the box (adapters/jupyter/run-notebook.py), bundled as text like the prompts. */
declare module '*.py' {
  const text: string
  export default text
}
