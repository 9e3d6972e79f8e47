// How the workflow sets the box up (the `sandbox-*` inputs): config.ts reads them, adapters/sandbox/ applies them.

/** What a box may use (the `sandbox-*` inputs). */
export interface SandboxLimits {
  memoryMb: number
  processes: number
  /** CPU time of each process. */
  cpuSeconds: number
  /** What the box may write beyond its copy of the repository: the copy, home and temporary folders together. */
  diskMb: number
}

export const DEFAULT_LIMITS: SandboxLimits = { memoryMb: 4096, processes: 1024, cpuSeconds: 1800, diskMb: 1024 }

/** How the workflow set the box up (config.ts reads it from the `sandbox-*` inputs). */
export interface SandboxSettings {
  /** False: the box has a network namespace of its own, with only a loopback interface. */
  network: boolean
  limits: SandboxLimits
  /** Absolute paths the box shows read-only besides the system, e.g. a conda install. */
  visiblePaths: readonly string[]
}
