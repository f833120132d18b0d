import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { PolicyError, asError } from '../errors.js';
import type { EvaluationDeadline, PolicyBundle } from './bundle.js';
import { EvaluationBudget, PolicyEngine } from './engine.js';
import { runShard, type ShardResult, type ShardTask } from './shard-run.js';

/**
 * The worker script: beside this module once built (dist/engine/worker.js). Run from the TypeScript
 * sources (vitest), this module is src/engine/pool.ts and the worker is taken from dist/ (npm run build).
 */
function workerFile(): string {
  const here = fileURLToPath(new URL('./worker.js', import.meta.url));
  if (fs.existsSync(here)) return here;
  const built = path.resolve(path.dirname(here), '../../dist/engine/worker.js');
  if (fs.existsSync(built)) return built;
  throw new PolicyError(`internal error: the policy worker script is missing (${here}); run npm run build`);
}

/** Runs shard tasks: in worker threads (jobs > 1), or one after another in this thread (jobs 1). */
export interface ShardRunner {
  /** Runs `count` tasks, made on demand by `task(i)` (so only those in flight are in memory); results in order. */
  run(count: number, task: (i: number) => ShardTask, onDone?: (done: number) => void): Promise<ShardResult[]>;
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
  return {
    async run(count, task, onDone) {
      const results: ShardResult[] = [];
      for (let i = 0; i < count; i += 1) {
        results.push(await runShard(await PolicyEngine.load(bundle, budget), task(i)));
        onDone?.(i + 1);
      }
      return results;
    },
    async close() {},
  };
}

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
      // The JSON bytes are moved, not copied: the main thread keeps nothing of a shard once sent.
      const buffer = task.json.buffer as ArrayBuffer;
      worker.postMessage({ id, task }, task.json.byteOffset === 0 && task.json.byteLength === buffer.byteLength ? [buffer] : []);
    });
  }

  async run(count: number, task: (i: number) => ShardTask, onDone?: (done: number) => void): Promise<ShardResult[]> {
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
    try {
      await Promise.all(
        this.workers.map(async (worker) => {
          while (next < count && !this.failure) {
            const i = next++;
            results[i] = await this.send(worker, task(i));
            done += 1;
            onDone?.(done);
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
