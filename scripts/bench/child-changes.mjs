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

