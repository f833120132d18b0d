import { describe, expect, it } from 'vitest';
import { isPsObjectText, parsePsObject, psToJson, truncatedKeys } from '../../../src/import/powershell-text.js';

const read = (text: string) => {
  const parsed = parsePsObject(text);
  return parsed ? { json: psToJson(parsed), truncated: truncatedKeys(parsed) } : undefined;
};

describe('PowerShell @{…} text of an object', () => {
  it('reads True/False, numbers and text as PowerShell printed them (ScubaGear 1.7 powerApps settings)', () => {
    expect(read('@{disableShareWithEveryone=True; enableGuestsToMake=False; storageCapacityConsumptionWarningThreshold=85; powerCatalogAudienceSetting=All}')).toEqual({
      json: { disableShareWithEveryone: true, enableGuestsToMake: false, storageCapacityConsumptionWarningThreshold: 85, powerCatalogAudienceSetting: 'All' },
      truncated: [],
    });
  });

  it('reports values lost to the depth limit instead of guessing them (empty, System.Object[])', () => {
    const r = read('@{tenantId=3c19c757-3b55-411f-b03f-2bcc514a598d; createdBy=; environmentSku=Default; linkedEnvironmentMetadata=; connectedGroups=System.Object[]; displayName=tqhjy (default)}');
    expect(r?.json).toEqual({ tenantId: '3c19c757-3b55-411f-b03f-2bcc514a598d', environmentSku: 'Default', displayName: 'tqhjy (default)' });
    expect(r?.truncated).toEqual(['createdBy', 'linkedEnvironmentMetadata', 'connectedGroups']);
  });

  it('keeps a nested @{…} that survived, and values holding = or braces', () => {
    expect(read('@{a=@{b=1; c=True}; d=x=y; e={guid}}')?.json).toEqual({ a: { b: 1, c: true }, d: 'x=y', e: '{guid}' });
    expect(read('@{}')?.json).toEqual({});
    expect(read('@{inbound=True; outbound=True}')?.json).toEqual({ inbound: true, outbound: true });
  });

  it('keeps long digit strings and dates as text', () => {
    expect(read('@{id=12345678901234567890; createdTime=2021-12-13T20:40:14.1749137Z}')?.json).toEqual({ id: '12345678901234567890', createdTime: '2021-12-13T20:40:14.1749137Z' });
  });

  it('refuses text that is not of that form', () => {
    expect(isPsObjectText('@{a=1}')).toBe(true);
    expect(isPsObjectText('a=1')).toBe(false);
    expect(parsePsObject('@{a=@{b=1}')).toBeUndefined();
    expect(parsePsObject('@{=1}')).toBeUndefined();
    expect(parsePsObject('plain text')).toBeUndefined();
  });
});
