import { PolicyError } from '../errors.js';
import { parseRawResult } from '../findings/findings.js';
import type { DataPatch, PolicyEngine } from './engine.js';
import type { TaskText } from './task-text.js';

/** One shard's work, as posted to a worker (or run in-thread with --jobs 1): plain data only. */
export interface ShardTask {
  /**
   * The shard's data document (shard-plan.ts, shardData) as JSON text in chunks of shared memory (task-text.ts),
   * copied into the instance's memory where it is evaluated (PolicyEngine.setDataText). The runner that made
   * it uses the chunks again once the shard's result is back.
   */
  text: TaskText;
  /** Objects of the shard's own kind held as references: set after the `pure` controls' first evaluation. */
  references: DataPatch[];
  /** The policy input, input.scope included (none for the whole-tenant shard). */
  input: Record<string, unknown>;
  /**
   * The input of the `pure` controls' first evaluation: the same with an empty scope, so that their
   * findings rules (which iterate `*_in_scope`) have nothing to do and only their not-evaluated rules
   * (which iterate the whole collection) cost anything.
   */
  pureInput?: Record<string, unknown>;
  /** The controls to evaluate; `pure`: its not-evaluated reports are taken before the references are set. */
  controls: { id: string; entrypoint: string; pure: boolean }[];
  /** The views entrypoint, for a flow shard: which of its flows have external access (data.derived). */
  views?: string;
}

export interface ShardResult {
  findings: unknown[];
  notEvaluated: unknown[];
  externalAccessFlows?: string[];
}

/**
 * Evaluates a shard's controls in a fresh instance of `engine` (setDataJson makes one per call), all under
 * one deadline. Parsing each shard over the previous one's data in one instance (replaceDataJson) was tried:
 * the same CPU time on the bench's 100,000-user tenant (22.9 s against 23.0 s, --jobs 1, shards forced) and a
 * higher peak RSS (2,017 against 1,850 MiB), the instance keeping the pages of its largest shard. When the shard
 * holds objects of its own kind only as references, the controls that count every object of that kind in
 * their not-evaluated rules are evaluated first without them (their reports taken from there, with an
 * empty scope so that their findings rules cost nothing), then the references are patched in and every
 * control gives its findings: a guest's sponsor, another shard's user, is shown to the finding but not
 * counted twice.
 */
export async function runShard(engine: PolicyEngine, task: ShardTask): Promise<ShardResult> {
  await engine.setDataText(task.text);
  const result: ShardResult = { findings: [], notEvaluated: [] };
  engine.batch(() => {
    const twoPass = task.references.length > 0;
    if (twoPass) {
      const input = task.pureInput ?? task.input;
      for (const c of task.controls) if (c.pure) result.notEvaluated.push(...parseRawResult(engine.evaluate(input, c.entrypoint)).notEvaluated);
      engine.patchData(task.references);
    }
    for (const c of task.controls) {
      const raw = parseRawResult(engine.evaluate(task.input, c.entrypoint));
      result.findings.push(...raw.findings);
      if (!(twoPass && c.pure)) result.notEvaluated.push(...raw.notEvaluated);
    }
    if (task.views) {
      const value = engine.evaluate(task.input, task.views) as { externalAccessFlows?: unknown };
      if (!Array.isArray(value?.externalAccessFlows)) throw new PolicyError(`${task.views} returned a malformed result`);
      result.externalAccessFlows = value.externalAccessFlows as string[];
    }
  });
  return result;
}
