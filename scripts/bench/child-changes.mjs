// The seeded mix of changes the simulate benchmark runs (see child.mjs simulateE2E).

/** `count` changes over the tenant, mostly by actors the platform allows; the same every run. */
export function benchChanges(tenant, count) {
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const users = Object.values(tenant.users ?? {}).filter((u) => u.accountEnabled !== false);
  const guests = users.filter((u) => u.userType === 'Guest');
  const pending = guests.filter((u) => u.externalUserState === 'PendingAcceptance');
  const members = users.filter((u) => u.userType !== 'Guest');
  // Small groups: adding to "All Employees" is a different question (see the settings row for whole-tenant work).
  const groups = Object.values(tenant.groups ?? {}).filter((g) => (g.memberCount ?? 0) < 200 && (g.owners ?? []).length > 0);
  const flows = Object.values(tenant.flows ?? {}).filter((f) => tenant.users?.[f.creatorId]);
  const environments = Object.values(tenant.environments ?? {});
  const admins = members.filter((u) => (u.directoryRoles ?? []).some((r) => /Global Administrator|Guest Inviter|User Administrator/.test(r)));
  const redeemed = new Set();
  const out = [];
  for (let i = 0; out.length < count; i++) {
    const kind = i % 7;
    const flow = pick(flows);
    if (kind === 0) out.push({ action: 'share-flow', actor: flow.creatorId, flow: flow.id, principal: pick(guests).id, role: 'owner' });
    else if (kind === 1) out.push({ action: 'share-flow', actor: flow.creatorId, flow: flow.id, principal: pick(members).id, role: pick(['run-only', 'owner']) });
    else if (kind === 2) out.push({ action: 'share-flow', actor: flow.creatorId, flow: flow.id, principal: null, role: 'copy', recipient: `partner${i}@northwindtraders.com` });
    else if (kind === 3) {
      const group = pick(groups);
      out.push({ action: 'add-group-member', actor: group.owners[0], group: group.id, principal: pick(rand() < 0.5 ? guests : members).id });
    } else if (kind === 4) out.push({ action: 'assign-environment-role', environment: pick(environments).id, principal: pick(rand() < 0.5 ? guests : members).id, role: pick(['EnvironmentMaker', 'BasicUser', 'EnvironmentAdmin']) });
    else if (kind === 5) out.push({ action: 'invite', actor: pick(admins.length ? admins : members).id, email: `vendor.contact${i}@fabrikam-partners.com`, displayName: `Vendor Contact ${i}` });
    else {
      const guest = pending.find((g) => !redeemed.has(g.id));
      if (!guest) continue;
      redeemed.add(guest.id);
      out.push({ action: 'redeem', user: guest.id, identityIssuer: 'ExternalAzureAD' });
    }
  }
  // The copy's recipient is an address: the change file names it as the principal.
  return out.map((c) => (c.role === 'copy' ? { action: c.action, actor: c.actor, flow: c.flow, principal: c.recipient, role: 'copy' } : c));
}


// ------------------------------------------------------------------------------------------------------------
// Run on its own, the simulate measurement of the enterprise tiers (issue 17: "simulating 200 changes on the
// 1M-user tenant costs at most 3× one scan of it"):
//
//   node --expose-gc scripts/bench/child-changes.mjs simulate-large DIR AS_OF [JOBS] [force|normal]
//
// loads the tenant, simulates 200 of the changes above (one after the other) and prints one BENCH-RESULT line:
// the whole run's time (load, setup, changes: what one `shareguard simulate` costs, comparable with the scan
// child's `ms`, which includes the load too), its parts, the per-change p50, and whether each change had
// documents of its own (the tenant past one instance, simulate/closure-step.ts). `force` forces that way on a
// smaller tenant, `normal` is the default decision.

async function simulateLarge(dir, asOfArg, jobsArg, how) {
  const dist = new URL('../../dist/', import.meta.url);
  const { loadTenant, resolveChanges, simulate } = await import(new URL('index.js', dist));
  const { exceedsOneInstance, builtinBundle } = await import(new URL('scan.js', dist));
  const now = () => performance.now();
  const asOf = new Date(asOfArg);
  const jobs = jobsArg ? Number(jobsArg) : undefined;
  const t0 = now();
  const loaded = await loadTenant([dir]);
  const loadMs = now() - t0;
  const changes = resolveChanges(benchChanges(loaded.tenant, 200), loaded.tenant);
  const perChange = how === 'force' || exceedsOneInstance(loaded.tenant, builtinBundle());
  const times = [];
  let last = 0;
  let readyAt = 0;
  const t1 = now();
  const result = await simulate(loaded, changes, {
    asOf,
    ...(jobs ? { jobs } : {}),
    ...(how === 'force' ? { perChange: { force: true } } : {}),
    onReady: () => (last = readyAt = now()),
    onResult: () => {
      const t = now();
      times.push(t - last);
      last = t;
    },
  });
  const t2 = now();
  const sorted = [...times].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  const out = {
    mode: 'simulate-large', perChange, loadMs, setupMs: readyAt - t1, changesMs: t2 - readyAt, ms: t2 - t0,
    changes: times.length, applied: result.results.filter((r) => r.effects.applied).length,
    moved: result.results.filter((r) => r.introduced.length + r.resolved.length > 0).length,
    p50Ms: q(0.5), p95Ms: q(0.95), maxMs: sorted.at(-1),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  process.stdout.write(`BENCH-RESULT ${JSON.stringify(out)}\n`);
}

if (import.meta.url === (await import('node:url')).pathToFileURL(process.argv[1] ?? '').href) {
  const [mode, dir, asOf, jobs, how] = process.argv.slice(2);
  if (mode !== 'simulate-large' || !dir || !asOf) {
    console.error('usage: child-changes.mjs simulate-large DIR AS_OF [JOBS] [force|normal]');
    process.exit(2);
  }
  await simulateLarge(dir, asOf, jobs, how);
}
