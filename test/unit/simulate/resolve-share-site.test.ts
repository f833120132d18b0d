import { describe, expect, it } from 'vitest';
import type { NormalisedTenant } from '../../../src/model/types.js';
import { resolveChanges } from '../../../src/simulate/resolve.js';
import type { RawChange } from '../../../src/simulate/types.js';
import { messages, smallTenant } from './tenant.js';

/** The small tenant with two sites: a team site and a OneDrive, and a second site titled like the first. */
function withSites(): NormalisedTenant {
  const t = smallTenant();
  return {
    ...t,
    sections: { ...t.sections, sites: true },
    sites: {
      's-fin': { id: 's-fin', url: 'https://contoso.sharepoint.com/sites/Finance', title: 'Finance' },
      's-fin2': { id: 's-fin2', url: 'https://contoso.sharepoint.com/sites/Finance2', title: 'Finance' },
      's-od': { id: 's-od', url: 'https://contoso-my.sharepoint.com/personal/alice_contoso_com', title: 'Alice Admin', isOneDrive: true },
    },
  };
}

const share = (more: Partial<Extract<RawChange, { action: 'share-site' }>>): RawChange => ({ action: 'share-site', actor: 'alice@contoso.com', site: 's-od', ...more });

describe('resolveChanges: share-site', () => {
  const tenant = withSites();

  it('names the site by URL (any case, trailing slash), by a unique title or by id; defaults item site, specific-people, view', () => {
    const [byUrl, byTitle, byId] = resolveChanges(
      [
        share({ site: 'HTTPS://contoso.sharepoint.com/sites/finance/', recipient: 'bob@fabrikam.com' }),
        share({ site: 'alice admin', recipient: 'carol@contoso.com', item: 'file', path: 'a.docx', permission: 'edit' }),
        share({ site: 's-fin2', link: 'anyone' }),
      ],
      tenant,
    );
    expect(byUrl).toEqual({ index: 0, action: 'share-site', actor: 'u-alice', site: 's-fin', item: 'site', scope: 'specific-people', permission: 'view', recipient: 'u-bob' });
    expect(byTitle).toEqual({ index: 1, action: 'share-site', actor: 'u-alice', site: 's-od', item: 'file', path: 'a.docx', scope: 'specific-people', permission: 'edit', recipient: 'u-carol' });
    expect(byId).toMatchObject({ site: 's-fin2', scope: 'anyone', recipient: null });
    expect(byId).not.toHaveProperty('recipientEmail');
  });

  it('an address with no account gets the id of the guest the share would create; a later change names it by that address', () => {
    const [first, second] = resolveChanges(
      [share({ recipient: 'Nora@Partner.example' }), share({ site: 's-fin', recipient: 'nora@partner.example' })],
      tenant,
    );
    expect(first).toMatchObject({ recipient: null, recipientEmail: 'Nora@Partner.example', inviteeId: 'sim-invite-0' });
    // Whether the account exists by then is the platform's call (the first share may be refused).
    expect(second).toMatchObject({ recipient: 'sim-invite-0', recipientEmail: 'nora@partner.example', inviteeId: 'sim-invite-0' });
  });

  it('reports an ambiguous title, an unknown site, and recipients that do not fit the link, all at once', () => {
    expect(
      messages(() =>
        resolveChanges(
          [
            share({ site: 'Finance', recipient: 'bob@fabrikam.com' }),
            share({ site: 'https://contoso.sharepoint.com/sites/Nowhere', recipient: 'bob@fabrikam.com' }),
            share({ link: 'organization', recipient: 'bob@fabrikam.com' }),
            share({}),
          ],
          tenant,
        ),
      ),
    ).toEqual([
      'change 0 (share-site): site "Finance" is ambiguous: it matches site Finance (https://contoso.sharepoint.com/sites/Finance), site Finance (https://contoso.sharepoint.com/sites/Finance2); name it by id',
      'change 1 (share-site): site "https://contoso.sharepoint.com/sites/Nowhere" matches no site in the tenant',
      'change 2 (share-site): recipient: a link of scope organization is not sent to anyone in particular; leave recipient out or use link: specific-people',
      'change 3 (share-site): recipient: a specific-people share names who it is sent to (an e-mail address or a user)',
    ]);
  });

  it('says when the export has no sites at all', () => {
    expect(messages(() => resolveChanges([share({ recipient: 'bob@fabrikam.com' })], smallTenant()))).toEqual([
      'change 0 (share-site): site "s-od" matches no site in the tenant (the export has no sites)',
    ]);
  });
});
