/**
 * shareguard's library API. The CLI is one client of it; services can call it directly.
 *
 *   import { loadTenant, scan } from 'shareguard';
 *   const tenant = await loadTenant(['exports/2026-11']);
 *   const result = await scan(tenant, { asOf: new Date('2026-11-30T00:00:00Z') });
 */
export { loadTenant, scan, parseAsOf } from './scan.js';
export type { LoadedTenant, LoadTenantOptions, ScanOptions, ScanPhase, ScanProgress } from './scan.js';
export type { Finding, NotEvaluated, ScanResult, ScanSummary, ObjectRef } from './findings/types.js';
export { SEVERITIES, type Severity } from './findings/severity.js';
export { ShareguardError, UsageError, InputError, InputErrors, PolicyError } from './errors.js';
export type { NormalisedTenant } from './model/types.js';
export { readBuiltinBundle, type PolicyBundle, type ControlMetadata } from './engine/bundle.js';
export { loadPolicies, type PolicyOptions } from './policy/load.js';
export { readBundleFile } from './policy/bundle-file.js';
export { simulate, decide } from './simulate/simulate.js';
export type { SimulationResult, ChangeResult, Decision, SimulateOptions } from './simulate/simulate.js';
export { loadChanges } from './simulate/changes.js';
export { resolveChanges } from './simulate/resolve.js';
export type { RawChange, ResolvedChange } from './simulate/types.js';
export type { BaselineState, AppliedWaiver, WaiverProblem, Comparison } from './findings/types.js';
export { compareWithEarlier } from './trend/compare.js';
export { loadEarlierResult, type EarlierResult } from './trend/earlier-result.js';
export { compareWithBaseline, type Baseline } from './gate/baseline.js';
export { loadBaseline } from './gate/baseline-file.js';
export { applyGate, gateVerdict, judgedByGate, type GateOptions, type FailOn } from './gate/gate.js';
export { loadWaivers, type WaiverFile } from './waivers/load.js';
export { applyWaivers } from './waivers/apply.js';
