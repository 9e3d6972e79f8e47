// The worker thread that reads markdown for off-thread.ts (dist/markdown-worker.js): each text posted to it is
// read by document.ts's reader, the answer goes back on the port, then the shared flag is raised and the waiting
// thread woken. The answer is posted before the flag is raised, so it is there when the other side looks.
import { workerData, parentPort, type MessagePort } from 'node:worker_threads'
import { readInThisThread } from './document.ts'
import { FLAG, type WorkerAnswer } from './off-thread.ts'

const { flags, port } = workerData as { flags: Int32Array; port: MessagePort }

const raise = (slot: number): void => {
  Atomics.store(flags, slot, 1)
  Atomics.notify(flags, slot)
}

parentPort?.on('message', (source: string) => {
  let answer: WorkerAnswer<unknown>
  try {
    answer = { ok: true, value: readInThisThread(source) }
  } catch (error) {
    answer = { ok: false, error: error instanceof Error ? error.message : String(error) }
  }
  port.postMessage(answer)
  raise(FLAG.DONE)
})
raise(FLAG.READY)
