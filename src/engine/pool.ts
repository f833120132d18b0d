import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PolicyError, asError } from '../errors.js';
import { builtScript } from '../files/script.js';
import type { EvaluationDeadline, PolicyBundle } from './bundle.js';
import { EvaluationBudget, PolicyEngine } from './engine.js';
import { runShard, type ShardResult, type ShardTask } from './shard-run.js';
import { ChunkPool, writeJson, type TaskText } from './task-text.js';

/**
 * The worker script: beside this module once built (dist/engine/worker.js); run from the TypeScript sources
 * (vitest), the one under dist/ (npm run build).
 */
function workerFile(): string {
  const file = builtScript(import.meta.url, 'worker.js');
  if (file) return file;
  throw new PolicyError(`internal error: the policy worker script is missing (${fileURLToPath(new URL('./worker.js', import.meta.url))}); run npm run build`);
}

/** A task's data document as text, written into the runner's chunks (task-text.ts). */
export type WriteText = (document: unknown) => TaskText;

/** Runs shard tasks: in worker threads (jobs > 1), or one after another in this thread (jobs 1). */
export interface ShardRunner {
  /**
   * Runs `count` tasks, made by `task(i, write)` when a worker is free or about to be (so only those in flight
   * and READ_AHEAD more are in memory), their documents written with `write`; results in order. `onDone` is
   * given each result as it comes back, with how many are done.
   */
  run(count: number, task: (i: number, write: WriteText) => ShardTask, onDone?: (done: number, result: ShardResult) => void): Promise<ShardResult[]>;
  close(): Promise<void>;
}

/**
 * `budget`: the command's evaluation time (--timeout), one for every shard; by default the bundle's, else
 * a fresh one for the whole run (not one per shard).
 */
export async function shardRunner(bundle: PolicyBundle, jobs: number, budget: EvaluationDeadline = bundle.budget ?? new EvaluationBudget()): Promise<ShardRunner> {
  if (jobs <= 1) return inThread(bundle, budget);
  return WorkerPool.start(bundle, jobs, budget);
}

function inThread(bundle: PolicyBundle, budget: EvaluationDeadline): ShardRunner {
  const chunks = new ChunkPool();
  const write: WriteText = (document) => writeJson(document, chunks);
  return {
    async run(count, task, onDone) {
      const results: ShardResult[] = [];
      for (let i = 0; i < count; i += 1) {
        const made = task(i, write);
        try {
          results.push(await runShard(await PolicyEngine.load(bundle, budget), made));
        } finally {
          chunks.release(made.text);
        }
        onDone?.(i + 1, results[i]!);
      }
      return results;
    },
    async close() {},
  };
}

/**
 * Tasks made ahead of the workers asking: one. Made only when a worker asked, each shard's task (its JSON,
 * 150 to 440 ms each on the bench's 100,000-user tenant) left that worker idle while it was made, 1.8 s of
 * its two workers' 12 s of work.
 */
const READ_AHEAD = 1;

interface Pending {
  resolve: (r: ShardResult) => void;
  reject: (e: Error) => void;
}

/**
 * A pool of worker threads, each with its own WebAssembly instance over the one compiled module. The
 * deadline (--timeout) is the budget's time left when a run starts: past it every worker is terminated,
 * which stops the WebAssembly it runs, and the run fails with the budget's error (exit 2). A worker that
 * fails or exits fails the run as a PolicyError too: a lost shard is never a clean pass.
 */
class WorkerPool implements ShardRunner {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private failure: Error | undefined;
  /** The chunks the tasks' documents are written into, used again as results come back. */
  private readonly chunks = new ChunkPool();
  private readonly write: WriteText = (document) => writeJson(document, this.chunks);

  private constructor(private readonly budget: EvaluationDeadline) {}

  static async start(bundle: PolicyBundle, jobs: number, budget: EvaluationDeadline): Promise<WorkerPool> {
    const pool = new WorkerPool(budget);
    const module = await PolicyEngine.compiled(bundle);
    const file = workerFile();
    for (let i = 0; i < jobs; i += 1) {
      const worker = new Worker(file, { workerData: { module, manifest: bundle.manifest, source: bundle.source, timeoutSeconds: budget.timeoutSeconds } });
      worker.on('message', (m: { id: number; ok: boolean; result?: ShardResult; message?: string }) => {
        const p = pool.pending.get(m.id);
        if (!p) return;
        pool.pending.delete(m.id);
        if (m.ok) p.resolve(m.result!);
        else p.reject(new PolicyError(m.message ?? 'a policy worker failed'));
      });
      worker.on('error', (e) => pool.fail(new PolicyError(`a policy worker failed: ${asError(e).message}`)));
      worker.on('exit', (code) => {
        if (!pool.closing) pool.fail(new PolicyError(`a policy worker stopped unexpectedly (exit code ${code})`));
      });
      pool.workers.push(worker);
    }
    return pool;
  }

  private closing = false;

  private fail(e: Error): void {
    this.failure ??= e;
    for (const p of this.pending.values()) p.reject(this.failure);
    this.pending.clear();
  }

  private send(worker: Worker, task: ShardTask): Promise<ShardResult> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise<ShardResult>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, task });
    });
  }

  async run(count: number, task: (i: number, write: WriteText) => ShardTask, onDone?: (done: number, result: ShardResult) => void): Promise<ShardResult[]> {
    const results: ShardResult[] = new Array(count);
    if (count === 0) return results;
    if (this.budget.remaining <= 0) throw this.budget.exceeded();
    const started = performance.now();
    let next = 0;
    let done = 0;
    const timer = setTimeout(() => {
      this.budget.spend(this.budget.remaining);
      this.fail(this.budget.exceeded());
      void this.close();
    }, Math.max(1, Math.ceil(this.budget.remaining)));
    // Tasks made ahead (see READ_AHEAD): a worker that finishes takes the next one at once.
    const ready: { i: number; task: ShardTask }[] = [];
    const make = (i: number): { i: number; task: ShardTask } => ({ i, task: task(i, this.write) });
    const take = (): { i: number; task: ShardTask } | undefined => {
      const made = ready.shift();
      if (made) return made;
      if (next >= count) return undefined;
      return make(next++);
    };
    try {
      await Promise.all(
        this.workers.map(async (worker) => {
          for (let item = take(); item && !this.failure; item = take()) {
            const result = this.send(worker, item.task);
            // Awaited below; handled now in case making the next task throws first and the pool fails.
            result.catch(() => {});
            // While this worker evaluates, the next task is made here: the worker that finishes first
            // takes it without waiting for it to be made.
            if (ready.length < READ_AHEAD && next < count && !this.failure) ready.push(make(next++));
            try {
              results[item.i] = await result;
            } finally {
              // The worker has copied the document into its instance (or failed): its chunks can be written over.
              this.chunks.release(item.task.text);
            }
            done += 1;
            onDone?.(done, results[item.i]!);
          }
        }),
      );
      if (this.failure) throw this.failure;
      return results;
    } catch (e) {
      await this.close();
      throw this.failure ?? e;
    } finally {
      clearTimeout(timer);
      if (!this.failure) this.budget.spend(performance.now() - started);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
