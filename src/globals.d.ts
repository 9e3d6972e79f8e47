// Replaced at bundle time (scripts/build.ts) and in tests (vitest.config.ts) from package.json.
declare const __GIT_BOB_VERSION__: string
declare const __GIT_BOB_HOMEPAGE__: string

declare module '*.md' {
  const text: string
  export default text
}
