import vm from 'node:vm';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { PolicyError, UsageError, asError } from '../errors.js';
import type { EvaluationDeadline, PolicyBundle } from './bundle.js';
import { jsonBytes } from './json-bytes.js';
import { copyText, type TaskText } from './task-text.js';

type CompiledModule = Parameters<typeof loadPolicy>[0];
// The WebAssembly global, typed for the one call made here (the DOM typings are not part of this build).
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: ArrayBuffer): Promise<CompiledModule> } }).WebAssembly;

/** One edit of the data document: a value at a path, or (value undefined) a removal. */
export interface DataPatch {
  path: readonly string[];
  value?: unknown;
}

type AbiExport = 'opa_malloc' | 'opa_json_parse' | 'opa_heap_ptr_get' | 'opa_heap_ptr_set' | 'opa_value_add_path' | 'opa_value_remove_path';

/** The parts of opa-wasm's LoadedPolicy that patchData and setDataText need (present in 1.10, not in its typings). */
interface SdkPolicy {
  wasmInstance: { exports: Record<AbiExport, (...args: number[]) => number> };
  mem: { buffer: ArrayBuffer };
  dataAddr: number;
  dataHeapPtr: number;
  /** Where the heap starts once the module is set up: opa-wasm's setData parses data from there. */
  baseHeapPtr: number;
}

/** JSON → a value in the WASM heap (what opa-wasm does for data and input); returns its address. */
function parseIntoHeap(policy: SdkPolicy, value: unknown): number {
  const bytes = Buffer.from(JSON.stringify(value));
  const exports = policy.wasmInstance.exports;
  const raw = exports.opa_malloc(bytes.byteLength);
  new Uint8Array(policy.mem.buffer).set(bytes, raw);
  const parsed = exports.opa_json_parse(raw, bytes.byteLength);
  if (parsed === 0) throw new Error('the policy engine could not parse a patched value');
  return parsed;
}

const modules = new WeakMap<PolicyBundle, Promise<CompiledModule>>();

const PAGE = 64 * 1024;
// opa-wasm's JavaScript side reads WASM addresses as signed 32-bit numbers, so a heap past 2 GiB breaks
// builtins implemented in JavaScript (sprintf among them): no point reserving more than that. It is also the
// memory ceiling: the instance's memory is declared with this maximum, so a policy that allocates without end
// fails there instead of growing to WebAssembly's 4 GiB limit (or the machine's).
const MAX_PAGES = 32768;
export const MEMORY_CEILING_MIB = (MAX_PAGES * PAGE) / (1024 * 1024);

/**
 * The default of --timeout, in seconds: the total time one command may spend evaluating policies, for a tenant
 * of up to DEFAULT_TIMEOUT_OBJECTS objects. A full scan of the 100,000-user synthetic tenant of `npm run bench`
 * (127,000 objects) evaluates in about 9.5 s on one thread, so 300 s leaves some 30 times that for slower machines and
 * heavier custom policies, and still ends a policy that loops (or a pull request that makes one) within
 * minutes rather than at the CI job's own limit (6 hours on GitHub).
 */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/**
 * A larger tenant gets the default's 300 s per this many objects (users, groups, flows, apps and the other
 * lists): evaluation time grows with the tenant, and a fixed 300 s stopped the bench's 1,000,000-user tenant
 * (1,275,000 objects), whose evaluation then took 234 s on two threads and 557 s on one (189 s and 402 s
 * since), with exit 2 once another process shared the machine. It is given 3,825 s. An explicit --timeout is
 * never changed.
 */
export const DEFAULT_TIMEOUT_OBJECTS = 100_000;

/**
 * The time left for policy evaluation, shared by every engine of one command (a diff's two scans, a
 * simulation's many evaluations): a policy cannot buy more time by being slow in many small calls.
 */
export class EvaluationBudget {
  private remainingMs: number;
  private depth = 0;
  /** The limit in seconds: the --timeout given, or the default grown with the largest tenant evaluated. */
  timeoutSeconds: number;
  /** No --timeout was given: allowFor may raise the limit. */
  private readonly growsWithTenant: boolean;

  constructor(timeoutSeconds?: number) {
    this.growsWithTenant = timeoutSeconds === undefined;
    this.timeoutSeconds = timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS;
    this.remainingMs = this.timeoutSeconds * 1000;
  }

  /**
   * Makes room for a tenant of `objects` objects when the limit is the default (DEFAULT_TIMEOUT_OBJECTS): the
   * limit becomes 300 s per 100,000 objects if that is more, and the difference is added to the time left.
   */
  allowFor(objects: number): void {
    if (!this.growsWithTenant) return;
    const wanted = Math.ceil((DEFAULT_TIMEOUT_SECONDS * objects) / DEFAULT_TIMEOUT_OBJECTS);
    if (wanted <= this.timeoutSeconds) return;
    this.remainingMs += (wanted - this.timeoutSeconds) * 1000;
    this.timeoutSeconds = wanted;
  }

  /**
   * Runs `work` (synchronous WebAssembly) with what is left of the budget as its deadline. The evaluation runs
   * on the main thread, which no timer can interrupt; node's vm timeout can: a watchdog thread terminates the
   * running JavaScript and WebAssembly (V8 checks for termination at every loop back-edge) and vm throws
   * ERR_SCRIPT_EXECUTION_TIMEOUT. It copies no data (a worker thread would need its own copy of the tenant
   * and an asynchronous engine), but starts a watchdog thread per call: about 0.07 ms on an idle machine,
   * up to 0.5 ms on a loaded one. A scan evaluates each control once (about +10 ms for examples/contoso's
   * 37 controls and views), a simulated change about 3.4 times.
   */
  run<T>(work: () => T): T {
    // Already under this budget's deadline (a caller batching several evaluations in one run): one watchdog
    // covers them all, and the time is counted once, by the outer run.
    if (this.depth > 0) return work();
    if (this.remainingMs <= 0) throw this.exceeded();
    const started = performance.now();
    this.depth += 1;
    const runner = deadlineRunner();
    runner.context.work = work;
    try {
      return runner.script.runInContext(runner.context, { timeout: Math.max(1, Math.ceil(this.remainingMs)) }) as T;
    } catch (e) {
      if ((e as NodeJS.ErrnoException)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        this.remainingMs = 0;
        throw this.exceeded();
      }
      throw e;
    } finally {
      this.depth -= 1;
      deadlineRunner().context.work = undefined;
      this.remainingMs -= performance.now() - started;
    }
  }

  /** Milliseconds left (work running in worker threads is timed by the caller, see spend). */
  get remaining(): number {
    return Math.max(0, this.remainingMs);
  }

  /** Counts time spent outside run (evaluation in worker threads) against the budget. */
  spend(ms: number): void {
    this.remainingMs -= ms;
  }

  /** The error of a budget run out (also thrown by the worker pool when its deadline passes). */
  exceeded(): PolicyError {
    return new PolicyError(`policy evaluation did not finish within ${this.timeoutSeconds} s (--timeout): a policy loops or the tenant is too large for that limit; raise --timeout if the policies are trusted`);
  }
}

interface DeadlineRunner {
  context: vm.Context & { work?: (() => unknown) | undefined };
  script: vm.Script;
}
let runner: DeadlineRunner | undefined;

/** The one vm context the deadlines run in, made on first use: it only calls back the function it is given. */
function deadlineRunner(): DeadlineRunner {
  return (runner ??= { context: vm.createContext({ work: undefined }), script: new vm.Script('work()', { filename: 'shareguard-evaluation-deadline' }) });
}

/** A --timeout value in seconds: a positive number, at most a day (a typo like 3e9 is no deadline at all). */
export function parseTimeoutSeconds(value: string): number {
  const seconds = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value.trim()) || !Number.isFinite(seconds) || seconds <= 0 || seconds > 86400) {
    throw new UsageError(`--timeout "${value}" is not a number of seconds between 0 and 86400 (e.g. --timeout 600)`);
  }
  return seconds;
}

/**
 * Initial WASM memory for a data document of `bytes` of JSON. OPA's allocator grows memory a little at a
 * time, and growing is so slow that a 10,000-user tenant spent 30 s of a 33 s evaluation on it (a
 * 100,000-user one, minutes). So the instance starts with room for the parsed document (about 6.5 times
 * its JSON size) and for the largest control's own allocations (measured up to about 8 times it), capped at
 * 2 GiB (see MAX_PAGES). Untouched pages cost address space, not resident memory.
 */
export function initialPages(bytes: number): number {
  return Math.min(MAX_PAGES, Math.ceil((bytes * 16 + 512 * 1024 * 1024) / PAGE));
}

/**
 * The only code that touches opa-wasm. The module is compiled once per bundle; setting the tenant as
 * `data` creates an instance sized for it, and then any number of questions are asked with a small
 * `input`. Everything opa-wasm throws (plain strings) becomes a PolicyError, so a policy failure is never
 * mistaken for a clean result.
 */
export class PolicyEngine {
  private policy: LoadedPolicy | undefined;
  private readonly budget: NonNullable<PolicyBundle['budget']>;

  private constructor(
    private readonly module: CompiledModule,
    readonly bundle: PolicyBundle,
    budget?: EvaluationDeadline,
  ) {
    this.budget = budget ?? bundle.budget ?? new EvaluationBudget();
  }

  /**
   * An engine for one tenant at a time. Compiling the module is the expensive part and happens once per
   * bundle per process; each engine has its own instance and data, so concurrent scans or simulations in
   * one process never see each other's tenant.
   */
  static async load(bundle: PolicyBundle, budget?: EvaluationDeadline): Promise<PolicyEngine> {
    return new PolicyEngine(await PolicyEngine.compiled(bundle), bundle, budget);
  }

  /**
   * The bundle's compiled WebAssembly module, compiled once per bundle per process. A worker thread is
   * sent this (a WebAssembly.Module can be posted) rather than the bytes, so no worker compiles again.
   */
  static async compiled(bundle: PolicyBundle): Promise<CompiledModule> {
    let compiled = modules.get(bundle);
    if (!compiled) {
      compiled = wasm.compile(bundle.wasm);
      modules.set(bundle, compiled);
    }
    try {
      return await compiled;
    } catch (e) {
      modules.delete(bundle);
      throw new PolicyError(`cannot load policy bundle ${bundle.source}: ${asError(e).message}`);
    }
  }

  /** An engine over a module compiled elsewhere (a worker thread's, posted by the main thread). */
  static fromModule(module: unknown, bundle: PolicyBundle): PolicyEngine {
    return new PolicyEngine(module as CompiledModule, bundle);
  }

  /** Parses the document into a fresh WASM instance; every later evaluation reads it as `data`. */
  async setData(data: Record<string, unknown>): Promise<void> {
    await this.setDataJson(jsonBytes(data));
  }

  /** setData for a document already serialised (a shard's data, posted to a worker as bytes). */
  async setDataJson(json: Uint8Array): Promise<void> {
    try {
      const policy = await this.instance(json.byteLength);
      // A standalone ArrayBuffer of the JSON text: opa-wasm would serialise a Node Buffer as an object.
      // (A buffer that is the whole of its ArrayBuffer, as a large one or one posted to a worker is, is
      // given as it is: no second copy of a shard's JSON.)
      const whole = json.byteOffset === 0 && json.byteLength === json.buffer.byteLength;
      policy.setData((whole ? json.buffer : json.buffer.slice(json.byteOffset, json.byteOffset + json.byteLength)) as ArrayBuffer);
      this.policy = policy;
    } catch (e) {
      if (e instanceof PolicyError) throw e;
      throw new PolicyError(`cannot load the tenant into the policy engine: ${asError(e).message}`);
    }
  }

  /**
   * setData for a document given as JSON text in chunks of shared memory (a shard's, task-text.ts): its UTF-8 is
   * copied straight into the instance's memory and parsed there, as opa-wasm's setData does with bytes, without
   * a buffer of its own in between.
   */
  async setDataText(text: TaskText): Promise<void> {
    try {
      const policy = await this.instance(text.length);
      const sdk = policy as unknown as SdkPolicy;
      const exports = sdk.wasmInstance.exports;
      exports.opa_heap_ptr_set(sdk.baseHeapPtr);
      const raw = exports.opa_malloc(text.length);
      // Taken after opa_malloc, which may have grown the memory (a new buffer).
      copyText(text, new Uint8Array(sdk.mem.buffer), raw);
      const parsed = exports.opa_json_parse(raw, text.length);
      if (parsed === 0) throw new Error('failed to parse json value');
      sdk.dataAddr = parsed;
      sdk.dataHeapPtr = exports.opa_heap_ptr_get();
      this.policy = policy;
    } catch (e) {
      if (e instanceof PolicyError) throw e;
      throw new PolicyError(`cannot load the tenant into the policy engine: ${asError(e).message}`);
    }
  }

  /** A fresh instance sized for a document of `bytes` of JSON, every entrypoint of the bundle checked. */
  private async instance(bytes: number): Promise<LoadedPolicy> {
    const policy = await loadPolicy(this.module, { initial: initialPages(bytes), maximum: MAX_PAGES });
    const entrypoints = (policy as unknown as { entrypoints: Record<string, number> }).entrypoints;
    for (const name of [this.bundle.manifest.entrypoint, ...this.bundle.manifest.controls.map((c) => c.entrypoint)]) {
      if (!(name in entrypoints)) throw new PolicyError(`policy bundle ${this.bundle.source} has no entrypoint ${name}`);
    }
    return policy;
  }

  /**
   * Sets another data document in the instance already made (opa-wasm's setData parses it over the previous
   * one, from the heap's base), or makes one sized for it when there is none yet. A simulated change on a
   * tenant too large for one instance sets a small document per evaluation: creating an instance each time
   * (its initial 512 MiB reservation, see initialPages) would cost more than the evaluation.
   */
  replaceDataJson(json: Uint8Array): void | Promise<void> {
    if (!this.policy) return this.setDataJson(json);
    try {
      const whole = json.byteOffset === 0 && json.byteLength === json.buffer.byteLength;
      this.policy.setData((whole ? json.buffer : json.buffer.slice(json.byteOffset, json.byteOffset + json.byteLength)) as ArrayBuffer);
    } catch (e) {
      this.policy = undefined;
      throw new PolicyError(`cannot load the tenant into the policy engine: ${asError(e).message}`);
    }
  }

  /**
   * Edits the data already set, in place: each patch puts `value` at `path` (creating missing objects on
   * the way), or removes what is at `path` when `value` is undefined. A simulation uses this to show the
   * policies a changed object without parsing the whole tenant again. opa-wasm has no API for it, so this
   * calls the module's own exports (opa_value_add_path, OPA's WASM ABI 1.2) and moves the SDK's record of
   * where data ends past the new values, so that the next evaluation's scratch heap does not overwrite them.
   */
  patchData(patches: readonly DataPatch[]): void {
    if (patches.length === 0) return;
    const policy = this.policy as unknown as SdkPolicy | undefined;
    if (!policy) throw new PolicyError('internal error: patchData called before setData');
    const exports = policy.wasmInstance.exports;
    exports.opa_heap_ptr_set(policy.dataHeapPtr);
    try {
      for (const patch of patches) {
        const path = parseIntoHeap(policy, patch.path);
        const code = patch.value === undefined
          ? exports.opa_value_remove_path(policy.dataAddr, path)
          : exports.opa_value_add_path(policy.dataAddr, path, parseIntoHeap(policy, patch.value));
        // Removing what is not there is fine (an object that did not exist before the change).
        if (code !== 0 && patch.value !== undefined) throw new Error(`opa_value_add_path returned ${code} for ${patch.path.join('.')}`);
      }
    } catch (e) {
      throw new PolicyError(`cannot update the tenant in the policy engine: ${asError(e).message}`);
    } finally {
      policy.dataHeapPtr = exports.opa_heap_ptr_get();
    }
  }

  /**
   * Runs `work`, which makes several evaluations of this engine in a row, under one deadline: one watchdog
   * thread for all of them instead of one each (see EvaluationBudget.run for the cost this saves).
   */
  batch<T>(work: () => T): T {
    try {
      return this.budget.run(work);
    } catch (e) {
      if (e instanceof PolicyError) this.policy = undefined;
      throw e;
    }
  }

  /** Evaluates an entrypoint (by default the bundle's main one) and returns its value; undefined is an error. */
  evaluate(input: Record<string, unknown>, entrypoint = this.bundle.manifest.entrypoint): unknown {
    if (!this.policy) throw new PolicyError('internal error: evaluate called before setData');
    const policy = this.policy;
    let out: unknown;
    try {
      out = this.budget.run(() => policy.evaluate(input, entrypoint));
    } catch (e) {
      if (e instanceof PolicyError) {
        // Stopped mid-evaluation (the deadline), the instance's heap is in an unknown state: not used again.
        this.policy = undefined;
        throw e;
      }
      const message = asError(e).message;
      if (/outside the bounds|out of bounds|opa_malloc/.test(message)) {
        this.policy = undefined;
        throw new PolicyError(
          `policy evaluation ran out of its ${MEMORY_CEILING_MIB} MiB memory ceiling (${entrypoint}: ${message}): a policy allocates without end, or the objects given to this one instance are too many (a large tenant is evaluated in shards with --jobs; a custom policy that is not sharded sees the whole tenant)`,
        );
      }
      throw new PolicyError(`policy evaluation failed (${entrypoint}): ${message}`);
    }
    if (!Array.isArray(out) || out.length === 0) throw new PolicyError(`policy evaluation gave no result for ${entrypoint}`);
    return (out[0] as { result: unknown }).result;
  }
}
