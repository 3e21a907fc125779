/**
 * Reader threads started before they have work (issue 24): a worker took ~0.6–1 s to start under tsx (its loader
 * hooks, then compiling the scanner's modules in a new thread), so `report` starts them as its first step, while this
 * thread loads and checks the definitions; each then waits for its stretch of the file (read-jsonl-into-table.ts).
 */
import { stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { WorkerInput, WorkerMessage } from './jsonl-worker.ts';

/** Below this a worker's start-up costs more than it saves. */
export const PARALLEL_MIN_BYTES = 192 * 1024 * 1024;
const MAX_THREADS = 4;

export type WorkerResult = Exclude<WorkerMessage, { type: 'progress' }>;

export interface ReaderThread {
  /** Hands the thread its stretch; settles with its table or its error. Called at most once. */
  read(input: WorkerInput, onBytes: (bytes: number) => void): Promise<WorkerResult>;
  /** Ends the thread whether or not it read (idempotent). */
  close(): void;
}

export interface ReaderThreads {
  /** The threads besides this one (empty: this thread reads the whole file). */
  threads: ReaderThread[];
  close(): void;
}

/** How many threads read a file of `size` bytes, this one included. */
export function readerCount(size: number, threads?: number): number {
  return threads ?? (size >= PARALLEL_MIN_BYTES ? Math.min(availableParallelism(), MAX_THREADS) : 1);
}

/**
 * Starts the worker threads a read of `file` will use; undefined when the file cannot be read (the read itself then
 * reports that, as it would have).
 */
export async function startReaderThreads(file: string, threads?: number): Promise<ReaderThreads | undefined> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch {
    return undefined;
  }
  const count = readerCount(size, threads) - 1;
  const script = count > 0 ? await readerScript() : undefined;
  const started = Array.from({ length: count }, () => startReaderThread(script!));
  return {
    threads: started,
    close() {
      for (const thread of started) thread.close();
    },
  };
}

/**
 * The reader thread's code: one pre-bundled file when it can be had (bundled-module.ts), which starts in a fraction
 * of the time; else the TypeScript through tsx's hooks.
 */
export async function readerScript(): Promise<URL> {
  const { bundledModule } = await import('./bundled-module.ts');
  return (await bundledModule('cli/report/jsonl-worker.ts')) ?? new URL('./start-jsonl-worker.mjs', import.meta.url);
}

export function startReaderThread(script: URL): ReaderThread {
  const worker = new Worker(script);
  // Unreferenced until it has work: a report that stops before reading (a bad definition, a usage error) must not be
  // kept alive by a thread still starting.
  worker.unref();
  let onBytes: (bytes: number) => void = () => {};
  let settled = false;
  const result = new Promise<WorkerResult>((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'progress') return onBytes(message.bytes);
      settled = true;
      resolve(message);
      void worker.terminate();
    });
    worker.on('error', (error) => {
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`a reader thread stopped with exit code ${code} before finishing`));
    });
  });
  // A thread that is never given work may fail unobserved; whoever reads awaits `result` itself.
  result.catch(() => {});
  let used = false;
  return {
    read(input, progress) {
      if (used) throw new Error('a reader thread reads one stretch');
      used = true;
      onBytes = progress;
      worker.ref();
      worker.postMessage(input);
      return result;
    },
    close() {
      settled = true;
      void worker.terminate();
    },
  };
}
