import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import type { ExtractJob, ExtractOutcome } from './extract-bytes.js';
import { timeLimitMessage } from './formats/read-document.js';

/** How hard one document may work before it is given up on. */
export interface ExtractLimits {
  /** Worker threads, one document each at a time. Default: the machine's cores, at most 4. */
  threads: number;
  /**
   * Wall-clock time one document may take, OCR included, in ms. When it is up OCR is
   * stopped and cleaned up; a worker still busy `CLEANUP_GRACE_MS` later (inside pdf-parse,
   * which cannot be stopped) is ended.
   */
  timeoutMs: number;
  /** Heap one worker may use, in MB; a document needing more ends its worker, not the run. */
  maxMemoryMb: number;
  /** A PDF with more pages than this is refused before its text is read. */
  maxPages: number;
}

/** Defaults sized for the 2-core, shared machines the pipeline runs on. */
export const DEFAULT_LIMITS: ExtractLimits = {
  threads: Math.max(1, Math.min(availableParallelism(), 4)),
  timeoutMs: 180_000,
  maxMemoryMb: 1024,
  maxPages: 5000,
};

/** Time a document over its limit has to stop its OCR programs and remove their files before its worker is ended. */
export const CLEANUP_GRACE_MS = 2000;

const here = fileURLToPath(import.meta.url);

/**
 * The worker's file beside this one. Under tsx or vitest that is the `.ts`
 * source, which a bare worker thread cannot load, so tsx's loader goes with it.
 */
function workerEntry(): { filename: string; execArgv: string[] } {
  const ext = extname(here);
  const filename = join(dirname(here), `extract-worker${ext}`);
  const hasLoader = process.execArgv.some((arg) => arg.includes('tsx'));
  if (ext !== '.ts' || hasLoader) return { filename, execArgv: process.execArgv };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return { filename, execArgv: [...process.execArgv, '--import', tsx] };
}

/**
 * A pool of worker threads that extract one document each, so both cores are busy
 * and one bad document cannot stall or kill the run: a document over its time
 * limit has its worker terminated, one over the memory ceiling ends only its own
 * worker, and each comes back as a `failed` outcome naming the limit.
 */
export class ExtractPool {
  readonly limits: ExtractLimits;
  readonly #pool: Piscina;

  constructor(limits: Partial<ExtractLimits> = {}) {
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    const { filename, execArgv } = workerEntry();
    this.#pool = new Piscina({
      filename,
      execArgv,
      minThreads: 1,
      maxThreads: this.limits.threads,
      resourceLimits: { maxOldGenerationSizeMb: this.limits.maxMemoryMb },
    });
  }

  /** Extracts one document in a worker. The job's bytes are copied once and moved, not cloned. */
  async run(job: ExtractJob): Promise<ExtractOutcome> {
    const bytes = new Uint8Array(job.bytes);
    try {
      return (await this.#pool.run(
        {
          ...job,
          bytes,
          options: {
            ...job.options,
            maxPages: this.limits.maxPages,
            timeoutMs: this.limits.timeoutMs,
            startedAt: Date.now(),
          },
        },
        {
          signal: AbortSignal.timeout(this.limits.timeoutMs + CLEANUP_GRACE_MS),
          transferList: [bytes.buffer],
        },
      )) as ExtractOutcome;
    } catch (error) {
      const failure = limitFailure(error, this.limits);
      if (failure === null) throw error;
      return { status: 'failed', error: failure };
    }
  }

  /** Ends the workers; waits for running documents to finish first. */
  async close(): Promise<void> {
    await this.#pool.close();
  }
}

/** The limit an error from the pool says was hit, as words for the record, or null for any other error. */
function limitFailure(error: unknown, limits: ExtractLimits): string | null {
  if (!(error instanceof Error)) return null;
  if (error.name === 'AbortError' || error.name === 'TimeoutError') {
    return timeLimitMessage(limits.timeoutMs);
  }
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ERR_WORKER_OUT_OF_MEMORY' || /memory limit|out of memory/i.test(error.message)) {
    return `ran out of memory (limit ${limits.maxMemoryMb} MB)`;
  }
  return null;
}
