/** A setting is missing or wrong: the message names the input to set and how. */
export class ConfigError extends Error {
  override name = 'ConfigError'
}
