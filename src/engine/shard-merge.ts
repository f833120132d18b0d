import { PolicyError } from '../errors.js';

/**
 * The not-evaluated reports of a sharded scan, merged into what one evaluation of the whole tenant gives.
 *
 * A report that does not depend on how many objects it is about ("section absent from the export") comes
 * the same from every shard that sees its cause, and is kept once. A report that counts the objects of its
 * control's kind is made by each shard over its own partition (the objects in scope, or every object of a control
 * with custom.countsPartition, evaluated before the shard's references are patched in), so the
 * shards' reports differ only in the count and, for flows, in the names listed after the colon:
 *
 *   "3 guest(s) carry no sponsors field: …"           → counts added (each guest is in one shard)
 *   "2 flow(s) … unknown runtimeSource: "A", "B""     → names united and sorted, count = how many names
 *
 * (The Rego builds such a list as `concat(", ", sort(names))` over a set of quoted display names, so the
 * count is that of distinct names, and the union gives it back.) Any other difference between shards'
 * reports of one control and section is an internal error rather than a silently wrong summary.
 */
export function mergeNotEvaluated(perShard: readonly (readonly unknown[])[]): unknown[] {
  const out: unknown[] = [];
  const seen = new Set<string>();
  /** controlId + section + the reason's text without its count and list → how they merge. */
  const counted = new Map<string, { report: Record<string, unknown>; total: number; names?: Set<string>; head: string }>();
  for (const reports of perShard) {
    // Within one shard, an identical report twice is one report (a set in Rego).
    for (const report of new Map(reports.map((r) => [JSON.stringify(r), r])).values()) {
      const r = report as Record<string, unknown>;
      const reason = typeof r?.reason === 'string' ? r.reason : undefined;
      const m = reason === undefined ? null : /^(\d+) ([^]*)$/.exec(reason);
      if (!m) {
        const key = JSON.stringify(report);
        if (!seen.has(key)) {
          seen.add(key);
          out.push(report);
        }
        continue;
      }
      const rest = m[2]!;
      const list = /^([^]*?): ("[^]*")$/.exec(rest);
      const head = list ? list[1]! : rest;
      const key = JSON.stringify([r.controlId, r.section, head, list !== null]);
      let entry = counted.get(key);
      if (!entry) counted.set(key, (entry = { report: r, total: 0, head, ...(list ? { names: new Set<string>() } : {}) }));
      if (list) {
        const names = splitQuoted(list[2]!);
        // A display name holding `", "` would split in two: the count the policy gave catches it.
        if (new Set(names).size !== Number(m[1])) throw unmergeable(reason!);
        for (const name of names) entry.names!.add(name);
      }
      else entry.total += Number(m[1]);
    }
  }
  for (const e of counted.values()) {
    if (e.names) {
      const sorted = [...e.names].map((n) => ({ n, b: Buffer.from(n) })).sort((a, b) => Buffer.compare(a.b, b.b)).map((x) => x.n);
      out.push({ ...e.report, reason: `${sorted.length} ${e.head}: ${sorted.join(', ')}` });
    } else {
      out.push({ ...e.report, reason: `${e.total} ${e.head}` });
    }
  }
  return out;
}

/** `"A", "B, c", "D"` → ['"A"', '"B, c"', '"D"']: entries are quoted, separated by `", "` between quotes. */
function splitQuoted(text: string): string[] {
  const parts = text.split(/(?<="), (?=")/);
  for (const p of parts) if (!p.startsWith('"') || !p.endsWith('"')) throw unmergeable(text);
  return parts;
}

function unmergeable(text: string): PolicyError {
  return new PolicyError(`internal error: the shards' not-evaluated report ${JSON.stringify(text.slice(0, 200))} cannot be merged: its names do not split into as many quoted names as it counts`);
}
