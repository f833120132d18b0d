import { parentPort, workerData } from 'node:worker_threads';
import { asError, PolicyError } from '../errors.js';
import type { BundleManifest } from './bundle.js';
import { EvaluationBudget, PolicyEngine } from './engine.js';
import { runShard, type ShardTask } from './shard-run.js';

/**
 * A policy worker (src/engine/pool.ts): it is given the compiled module once, then shards one at a time,
 * each evaluated in a fresh instance (the previous one is dropped with its data, so a worker holds one
 * shard at most). Every failure goes back as a message, never as a result without findings.
 */
interface WorkerSetup {
  module: unknown;
  manifest: BundleManifest;
  source: string;
  timeoutSeconds: number;
}

const setup = workerData as WorkerSetup;
// The pool also terminates workers at the command's deadline; this budget stops a single evaluation that
// runs past it even if the main thread is busy.
const bundle = { wasm: new ArrayBuffer(0), manifest: setup.manifest, source: setup.source, budget: new EvaluationBudget(setup.timeoutSeconds) };

parentPort!.on('message', (message: { id: number; task: ShardTask }) => {
  void (async () => {
    try {
      const result = await runShard(PolicyEngine.fromModule(setup.module, bundle), message.task);
      parentPort!.postMessage({ id: message.id, ok: true, result });
    } catch (e) {
      parentPort!.postMessage({ id: message.id, ok: false, message: asError(e).message, policy: e instanceof PolicyError });
    }
  })();
});
