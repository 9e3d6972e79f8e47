// Reading markdown in a worker thread with a deadline, for callers that stay synchronous: the text goes to a
// long-lived worker (read-worker.ts, started on first need, unref'd so it never keeps a run alive); this thread
// blocks in Atomics.wait on a shared flag until the worker has answered or the deadline has passed, and takes the
// answer with receiveMessageOnPort. On a timeout the worker is terminated mid-parse and a new one is started for
// the next text: no parse of untrusted text can hold a run longer than the deadline.
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads'

/**
 * The worker's entry. From src/ (vitest, Node running .ts) it sits next to this module; in dist/ this module is in
 * a chunk (dist/chunks/) and scripts/build.ts emits the entry as dist/markdown-worker.js (next to index.js in the
 * single-file bundle the bench compares).
 */
const WORKER_ENTRY = import.meta.url.endsWith('.ts')
  ? new URL('./read-worker.ts', import.meta.url)
  : new URL(
      /\/chunks\/[^/]*$/.test(import.meta.url) ? '../markdown-worker.js' : './markdown-worker.js',
      import.meta.url
    )
/** How long a new worker may take to load its parser (a busy runner, Node compiling micromark): a bug beyond. */
const STARTUP_LIMIT_MS = 20_000

/** The worker's heap: reading 65,536 characters of prose takes about 100 MB (garbage included). */
const WORKER_HEAP_MB = 512

/** The shared flag's slots and values: the worker sets READY once loaded, DONE after each answer. */
const READY = 0
const DONE = 1

/** What the worker sends back for one text. */
export type WorkerAnswer<T> = { ok: true; value: T } | { ok: false; error: string }

interface Reader {
  worker: Worker
  port: MessagePort
  flags: Int32Array
}

let reader: Reader | null = null
/** Why the worker could not start: said at once to every later read, rather than waiting for it again. */
let broken: Error | null = null

/** Blocks until `flags[slot]` is 1 or `until` (performance.now()) has passed; whether it became 1. */
function waitFor(flags: Int32Array, slot: number, until: number): boolean {
  for (;;) {
    if (Atomics.load(flags, slot) === 1) return true
    const left = until - performance.now()
    if (left <= 0) return false
    Atomics.wait(flags, slot, 0, left)
  }
}

function start(): Reader {
  const flags = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT))
  const { port1, port2 } = new MessageChannel()
  const worker = new Worker(WORKER_ENTRY, {
    workerData: { flags, port: port2 },
    transferList: [port2],
    // None of this process's flags: some stop a worker from starting (--input-type, under `node -e`).
    execArgv: [],
    // Memory is bounded too: a worker past this is stopped by Node, never answers, and the text is unreadable.
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }
  })
  worker.unref()
  port1.unref()
  // A worker that dies reports here, on the event loop; its answer (or its silence) is what counts.
  worker.on('error', () => undefined)
  if (!waitFor(flags, READY, performance.now() + STARTUP_LIMIT_MS)) {
    void worker.terminate()
    broken = new Error(`the markdown reader (${WORKER_ENTRY.href}) did not start within ${STARTUP_LIMIT_MS / 1000} s`)
    throw broken
  }
  return { worker, port: port1, flags }
}

/** Ends the worker now (a parse past its deadline is abandoned); the next read starts a new one. */
function stop(): void {
  if (reader === null) return
  void reader.worker.terminate()
  reader.port.close()
  reader = null
}

/**
 * The worker's answer for `source` (what the worker's reader returns for it), or null when it did not come
 * within `deadlineMs` (the worker is then replaced). An error thrown in the worker is thrown here.
 */
export function readOffThread<T>(source: string, deadlineMs: number): T | null {
  if (broken) throw broken
  reader ??= start()
  const { worker, port, flags } = reader
  Atomics.store(flags, DONE, 0)
  worker.postMessage(source)
  if (!waitFor(flags, DONE, performance.now() + deadlineMs)) {
    stop()
    return null
  }
  const received: { message: WorkerAnswer<T> } | undefined = receiveMessageOnPort(port)
  if (received === undefined) throw new Error('the markdown reader signalled an answer but sent none')
  if (!received.message.ok) throw new Error(`the markdown reader failed: ${received.message.error}`)
  return received.message.value
}

/** The flag's slots, for the worker's side. */
export const FLAG = { READY, DONE } as const
