/** What each control area (METADATA `area`, the `<area>` in policies/controls/<area>/) is called in reports. */
export const AREA_NAMES: Readonly<Record<string, string>> = {
  collab: 'External collaboration settings',
  guest: 'Guest accounts',
  group: 'Groups',
  flow: 'Power Automate flows',
  env: 'Power Platform environments',
  dlp: 'Data loss prevention',
  app: 'Power Apps',
  spo: 'SharePoint and OneDrive',
  teams: 'Microsoft Teams',
  custom: 'Custom policies',
};

/** The areas in their reading order (as listed above), unknown ones after them alphabetically. */
export function compareAreas(a: string, b: string): number {
  const known = Object.keys(AREA_NAMES);
  const rank = (area: string) => (known.includes(area) ? known.indexOf(area) : known.length);
  return rank(a) - rank(b) || a.localeCompare(b);
}
