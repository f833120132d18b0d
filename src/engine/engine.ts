import { loadPolicy } from '@open-policy-agent/opa-wasm';
import type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
import { PolicyError, asError } from '../errors.js';
import type { PolicyBundle } from './bundle.js';

/**
 * The only code that touches opa-wasm. Load the module once, set the tenant as `data` once, then ask
 * any number of questions with a small `input`. Everything opa-wasm throws (plain strings) becomes a
 * PolicyError, so a policy failure is never mistaken for a clean result.
 */
export class PolicyEngine {
  private dataSet = false;

  private constructor(
    private readonly policy: LoadedPolicy,
    readonly bundle: PolicyBundle,
  ) {}

  static async load(bundle: PolicyBundle): Promise<PolicyEngine> {
    try {
      const policy = await loadPolicy(bundle.wasm);
      if (!(bundle.manifest.entrypoint in (policy as unknown as { entrypoints: Record<string, number> }).entrypoints)) {
        throw new PolicyError(`policy bundle ${bundle.source} has no entrypoint ${bundle.manifest.entrypoint}`);
      }
      return new PolicyEngine(policy, bundle);
    } catch (e) {
      if (e instanceof PolicyError) throw e;
      throw new PolicyError(`cannot load policy bundle ${bundle.source}: ${asError(e).message}`);
    }
  }

  /** Parses the document into WASM memory; every later evaluation reads it as `data`. */
  setData(data: Record<string, unknown>): void {
    try {
      this.policy.setData(data);
      this.dataSet = true;
    } catch (e) {
      throw new PolicyError(`cannot load the tenant into the policy engine: ${asError(e).message}`);
    }
  }

  /** Evaluates the bundle's entrypoint (or another) and returns its value; undefined is an error. */
  evaluate(input: Record<string, unknown>, entrypoint = this.bundle.manifest.entrypoint): unknown {
    if (!this.dataSet) throw new PolicyError('internal error: evaluate called before setData');
    let out: unknown;
    try {
      out = this.policy.evaluate(input, entrypoint);
    } catch (e) {
      throw new PolicyError(`policy evaluation failed (${entrypoint}): ${asError(e).message}`);
    }
    if (!Array.isArray(out) || out.length === 0) throw new PolicyError(`policy evaluation gave no result for ${entrypoint}`);
    return (out[0] as { result: unknown }).result;
  }
}
