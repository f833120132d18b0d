import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '../../src/findings/types.js';
import { AS_OF, EXAMPLE, ROOT, runCli } from '../helpers/cli.js';
import { differingPixels, writeScreenshotIfChanged } from '../helpers/screenshot.js';

/**
 * The HTML report in a real browser: Debian's Chromium, headless, driven by playwright-core (which downloads
 * no browser of its own). A machine without Chromium fails here, with how to install it: never a skip.
 */
const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const REPORT = path.join(ARTIFACTS, 'contoso-report.html');
const RESULTS = path.join(ARTIFACTS, 'contoso-results.json');
const SCREENSHOT = path.join(ARTIFACTS, 'contoso-report.png');
const README_SCREENSHOT = path.join(ROOT, 'docs/report-screenshot.png');
const RANK = { critical: 4, high: 3, medium: 2, low: 1, info: 0 } as const;

let browser: Browser;
let page: Page;
let result: ScanResult;
let open: Finding[];
const problems: string[] = [];
const requests: string[] = [];
const url = pathToFileURL(REPORT).href;

/** Set when Chromium is missing: every test then fails with it (a failing beforeAll alone shows them as skipped). */
let missing: Error | undefined;

beforeEach(() => {
  if (missing) throw missing;
});

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) {
    missing = new Error(`Chromium is not installed at ${CHROMIUM}: the HTML report test needs it. Install it with \`apt-get install -y chromium\` (.ci/run does this when it is missing).`);
    return;
  }
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const r = runCli(['scan', EXAMPLE, '--as-of', AS_OF, '--output', 'html', '--out', REPORT, '--output', 'json', '--out', RESULTS]);
  if (r.code !== 1) throw new Error(`scan exited ${r.code}: ${r.stderr}`);
  result = JSON.parse(fs.readFileSync(RESULTS, 'utf8')) as ScanResult;
  open = result.findings.filter((f) => !f.waiver);

  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, deviceScaleFactor: 1 });
  // Anything but the file itself is recorded and refused.
  await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
  page = await context.newPage();
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console ${msg.type()}: ${msg.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  await page.goto(url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const visibleRows = () =>
  page.$$eval('#findings-table tbody tr[data-index]', (rows) =>
    rows.filter((r) => !(r as HTMLElement).hidden && (r as HTMLElement).offsetParent !== null).map((r) => Number(r.getAttribute('data-index'))),
  );
const status = () => page.textContent('#findings-status');
async function clearFilters() {
  await page.click('#findings-filters button[type="reset"]');
  await expect.poll(status).toBe(`Showing all ${open.length} findings`);
}

describe('the HTML report in headless Chromium (file://)', () => {
  it('loads with no console error and requests nothing but the file itself', async () => {
    await page.waitForLoadState('load');
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
  });

  it('shows the counts of the JSON result, and one visible row per finding that is not waived', async () => {
    expect(await page.textContent('[data-count="total"]')).toBe(String(result.summary.total));
    for (const [severity, n] of Object.entries(result.summary.counts)) expect(await page.textContent(`#severity-table [data-count="${severity}"]`)).toBe(String(n));
    expect(await page.textContent('h1')).toBe(result.tenant.displayName);
    expect(await status()).toBe(`Showing all ${open.length} findings`);
    expect((await visibleRows()).sort((a, b) => a - b)).toEqual(result.findings.flatMap((f, i) => (f.waiver ? [] : [i])));
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.setViewportSize({ width: 1280, height: 1500 });
    const top = await page.screenshot();
    await page.setViewportSize({ width: 1280, height: 1000 });
    await writeScreenshotIfChanged(browser, README_SCREENSHOT, top);
  });

  it('the README screenshot is the report as it is now (docs/report-screenshot.png, rewritten only when it changed)', async () => {
    await page.setViewportSize({ width: 1280, height: 1500 });
    await page.evaluate(() => window.scrollTo(0, 0));
    const now = await page.screenshot();
    await page.setViewportSize({ width: 1280, height: 1000 });
    const committed = fs.readFileSync(README_SCREENSHOT);
    const diff = await differingPixels(browser, committed, now);
    expect(diff, 'docs/report-screenshot.png has another size than the page').toBeDefined();
    expect(diff!.share).toBeLessThanOrEqual(0.001);
    // The comparison itself must see a change: a blank picture differs from the page.
    const blankPage = await browser.newPage({ viewport: { width: 1280, height: 1500 } });
    const blank = await blankPage.screenshot();
    await blankPage.close();
    expect((await differingPixels(browser, blank, now))!.share).toBeGreaterThan(0.01);
  });

  it('filtering by severity shows exactly the findings of that severity', async () => {
    await page.selectOption('#filter-severity', 'high');
    const high = open.filter((f) => f.severity === 'high');
    await expect.poll(status).toBe(`Showing ${high.length} of ${open.length} findings`);
    const shown = await visibleRows();
    expect(shown).toHaveLength(high.length);
    for (const i of shown) expect(result.findings[i]!.severity).toBe('high');
    await clearFilters();
  });

  it('a text search shows the findings that mention it, combined with the other filters', async () => {
    const term = 'Northwind'; // a partner whose guests turn up in findings of several severities
    const fields = (f: Finding) => [f.controlId, f.title, f.message, f.remediation, f.resource.kind, f.resource.id, f.resource.displayName, f.principal?.kind, f.principal?.id, f.principal?.displayName, f.location?.file, ...f.references];
    const expected = open.filter((f) => fields(f).some((t) => t?.toLowerCase().includes(term.toLowerCase())));
    expect(new Set(expected.map((f) => f.severity)).size).toBeGreaterThan(1);
    await page.fill('#filter-text', term);
    await expect.poll(status).toBe(`Showing ${expected.length} of ${open.length} findings`);
    expect((await visibleRows()).map((i) => result.findings[i]!.fingerprint).sort()).toEqual(expected.map((f) => f.fingerprint).sort());

    const severity = expected[0]!.severity;
    await page.selectOption('#filter-severity', severity);
    await expect.poll(async () => (await visibleRows()).length).toBe(expected.filter((f) => f.severity === severity).length);

    await page.fill('#filter-text', 'no finding says this zzz');
    await expect.poll(status).toBe(`Showing 0 of ${open.length} findings`);
    expect(await page.isVisible('#findings-empty')).toBe(true);
    await clearFilters();
  });

  it('sorts by a column, both ways, from the mouse and from the keyboard', async () => {
    const severities = async () => (await visibleRows()).map((i) => RANK[result.findings[i]!.severity]);
    await page.click('th[data-sort="severity"] button');
    expect(await page.getAttribute('th[data-sort="severity"]', 'aria-sort')).toBe('descending');
    expect(await severities()).toEqual([...(await severities())].sort((a, b) => b - a));
    await page.click('th[data-sort="severity"] button');
    expect(await page.getAttribute('th[data-sort="severity"]', 'aria-sort')).toBe('ascending');
    const ascending = await severities();
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
    expect(ascending[0]).toBeLessThan(ascending.at(-1)!);

    await page.focus('th[data-sort="control"] button');
    await page.keyboard.press('Enter');
    expect(await page.getAttribute('th[data-sort="control"]', 'aria-sort')).toBe('ascending');
    expect(await page.getAttribute('th[data-sort="severity"]', 'aria-sort')).toBeNull();
    const ids = (await visibleRows()).map((i) => result.findings[i]!.controlId);
    expect(ids).toEqual([...ids].sort((a, b) => a.localeCompare(b, 'en', { numeric: true, sensitivity: 'base' })));
    await page.keyboard.press('Space');
    expect(await page.getAttribute('th[data-sort="control"]', 'aria-sort')).toBe('descending');
  });

  it('a finding expands to its message and remediation; a control in the per-control view filters the table to it', async () => {
    const row = page.locator('#findings-table tbody tr[data-index]').first();
    const f = result.findings[Number(await row.getAttribute('data-index'))]!;
    expect(await row.locator('details .detail').isVisible()).toBe(false);
    await row.locator('summary').click();
    expect(await row.locator('details .detail').textContent()).toContain(f.remediation);

    await page.click('a[data-filter-control="SG-FLOW-01"]');
    const flow01 = open.filter((x) => x.controlId === 'SG-FLOW-01');
    await expect.poll(status).toBe(`Showing ${flow01.length} of ${open.length} findings`);
    expect(await page.inputValue('#filter-control')).toBe('SG-FLOW-01');
    await clearFilters();
  });

  it('prints without the filters', async () => {
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#findings-filters')).toBe(false);
    expect(await page.isVisible('#findings-table')).toBe(true);
    await page.emulateMedia({ media: 'screen' });
  });

  it('ended with no console error and no request but the file', () => {
    expect(problems).toEqual([]);
    expect(requests).toEqual([url]);
  });
});
