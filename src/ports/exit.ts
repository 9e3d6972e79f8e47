// How a process ended, in words: an exit code, and above 128 the signal a shell reports with it. Pure.
import { constants } from 'node:os'

/**
 * An exit code in words; above 128, as a shell reports a process ended by a signal, the signal too, and for
 * SIGKILL what usually sends it (the memory limit, or a stop from outside).
 */
export function exitWords(code: number): string {
  const signal = code > 128 ? Object.entries(constants.signals).find(([, n]) => n === code - 128)?.[0] : undefined
  if (signal === 'SIGKILL') return `exit code ${code}: killed (SIGKILL), out of memory or stopped`
  return signal ? `exit code ${code}: ended by ${signal}` : `exit code ${code}`
}
