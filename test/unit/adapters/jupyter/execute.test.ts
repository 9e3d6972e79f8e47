import { describe, expect, it } from 'vitest'
import { kernelEnvironment } from '../../../../src/adapters/jupyter/execute.ts'

describe('kernelEnvironment', () => {
  it('drops secrets, action inputs and runner tokens, and keeps the rest', () => {
    const env = kernelEnvironment({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      OPENAI_API_KEY: 'sk-x',
      GITHUB_TOKEN: 'ghs_x',
      'INPUT_GITHUB-TOKEN': 'ghs_y',
      INPUT_MODEL: 'openai:gpt-4.1',
      ACTIONS_RUNTIME_TOKEN: 'a',
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x',
      DB_PASSWORD: 'p',
      MY_SECRET: 's',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_ENV: '/runner/env',
      GITHUB_PATH: '/runner/path',
      GITHUB_OUTPUT: '/runner/output',
      UNSET: undefined
    })
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/runner',
      GITHUB_REPOSITORY: 'o/r',
      PYDEVD_DISABLE_FILE_VALIDATION: '1'
    })
  })
})
