import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Finding, ScanResult } from '../../src/findings/types.js';
import { formatHtmlChunks } from '../../src/format/html.js';
import { builtinBundle } from '../../src/scan.js';
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

/**
 * A report of 300,000 findings (issue 17: "opens in Chromium in under 3 seconds, summary and per-control
 * views first, the findings table paged"). The result is made here from Contoso's findings, each copy with
 * its own resource, message and fingerprint, every 1,000th naming a hostile guest; it is written with the
 * chunked formatter the CLI uses. The times are printed; only the first paint is asserted, against the
 * issue's 3 s (measured 0.2 s on a 2-core machine shared by eight test runs, so the margin is wide).
 */
const LARGE = 300_000;
const LARGE_REPORT = path.join(ARTIFACTS, 'large-report.html');
const HOSTILE = 'Eve \u202Egnp.exe <img src=x onerror=alert(1)>';

describe('a report of 300,000 findings in headless Chromium', () => {
  let large: ScanResult;
  let big: Page;
  const bigProblems: string[] = [];

  beforeAll(async () => {
    if (missing) return;
    const templates = result.findings.filter((f) => !f.waiver);
    const findings: Finding[] = Array.from({ length: LARGE }, (_, i) => {
      const t = templates[i % templates.length]!;
      const name = i % 1000 === 7 ? `${HOSTILE} ${i}` : `${t.resource.displayName} ${i}`;
      return { ...t, resource: { ...t.resource, id: `${t.resource.id}-${i}`, displayName: name }, message: `${t.message} (${i})`, fingerprint: i.toString(16).padStart(32, '0') };
    });
    const counts = { critical: 0, high: 0, medium: 0, low: 0, info: 0 };
    for (const f of findings) counts[f.severity] += 1;
    large = { ...result, findings, summary: { ...result.summary, total: LARGE, counts }, waivers: undefined };
    const fd = fs.openSync(LARGE_REPORT, 'w');
    for (const piece of formatHtmlChunks(large, { color: false, controls: builtinBundle().manifest.controls })) fs.writeSync(fd, piece);
    fs.closeSync(fd);
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
    const own = pathToFileURL(LARGE_REPORT).href;
    await context.route('**/*', (route) => (route.request().url() === own ? route.continue() : route.abort()));
    big = await context.newPage();
    big.on('console', (msg) => {
      if (msg.type() === 'error' || msg.type() === 'warning') bigProblems.push(`console ${msg.type()}: ${msg.text()}`);
    });
    big.on('pageerror', (e) => bigProblems.push(`page error: ${e.message}`));
  }, 300_000);

  const bigRows = () => big.$$eval('#findings-table tbody tr[data-index]', (rows) => rows.filter((r) => !(r as HTMLElement).hidden).map((r) => Number(r.getAttribute('data-index'))));
  const bigStatus = () => big.textContent('#findings-status');

  it('opens with its summary painted first, then pages of 500 rows; the times are printed', async () => {
    const t0 = Date.now();
    await big.goto(pathToFileURL(LARGE_REPORT).href, { waitUntil: 'load', timeout: 120_000 });
    const loaded = Date.now() - t0;
    expect(await big.textContent('[data-count="total"]')).toBe(String(LARGE));
    const timing = await big.evaluate(() => ({
      firstPaint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      load: (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd,
    }));
    await big.waitForSelector('#findings-table[data-ready]', { timeout: 120_000 });
    const ready = Date.now() - t0;
    const size = fs.statSync(LARGE_REPORT).size;
    console.log(`large report: ${LARGE} findings, ${(size / 1048576).toFixed(0)} MiB; first contentful paint ${timing.firstPaint.toFixed(0)} ms, load event ${timing.load.toFixed(0)} ms (goto ${loaded} ms), filters ready ${ready} ms`);
    expect(timing.firstPaint).toBeLessThan(3000);
    expect(await bigStatus()).toBe(`Showing all ${LARGE} findings`);
    expect(await bigRows()).toHaveLength(500);
    expect(await big.isVisible('#findings-pages')).toBe(true);
    expect(await big.textContent('#findings-page')).toBe(`Findings 1\u2013500 of ${LARGE} (page 1 of ${LARGE / 500})`);
    expect(bigProblems).toEqual([]);
  });

  it('the next page is built from the data, as the server renders a row; the previous page comes back', async () => {
    const first = await bigRows();
    await big.click('#findings-next');
    const second = await bigRows();
    expect(second).toEqual(Array.from({ length: 500 }, (_, i) => 500 + i));
    expect(second).not.toEqual(first);
    const row = big.locator('#findings-table tbody tr[data-index="600"]');
    const f = large.findings[600]!;
    expect(await row.getAttribute('data-control')).toBe(f.controlId);
    expect(await row.locator('td.id').textContent()).toBe(f.controlId);
    expect(await row.locator('summary').textContent()).toBe(f.title);
    await row.locator('summary').click();
    expect(await row.locator('.detail').textContent()).toContain(f.remediation);
    expect(await row.locator('.detail code').last().textContent()).toBe(f.fingerprint);
    await big.click('#findings-prev');
    expect(await bigRows()).toEqual(first);
  });

  it('filters work on the data: a severity, then a search for a hostile name, shown as text with its bidi control named', async () => {
    await big.selectOption('#filter-severity', 'high');
    const high = large.findings.filter((f) => f.severity === 'high').length;
    await expect.poll(bigStatus, { timeout: 30_000 }).toBe(`Showing ${high} of ${LARGE} findings`);
    for (const i of await bigRows()) expect(large.findings[i]!.severity).toBe('high');
    await big.selectOption('#filter-severity', '');
    await big.fill('#filter-text', 'gnp.exe');
    const hostile = large.findings.filter((f) => f.resource.displayName.startsWith('Eve ')).length;
    expect(hostile).toBe(LARGE / 1000);
    await expect.poll(bigStatus, { timeout: 30_000 }).toBe(`Showing ${hostile} of ${LARGE} findings`);
    const last = big.locator('#findings-table tbody tr[data-index]').last();
    expect(Number(await last.getAttribute('data-index'))).toBeGreaterThan(500); // built by the script, not in the markup
    expect(await last.locator('td').nth(3).textContent()).toContain('Eve <U+202E>gnp.exe <img src=x onerror=alert(1)>');
    expect(await big.locator('#findings-table img').count()).toBe(0);
    expect(await big.isVisible('#findings-pages')).toBe(false);
  });

  it('sorting 300,000 rows by a column orders the first page', async () => {
    await big.click('#findings-filters button[type="reset"]');
    await expect.poll(bigStatus, { timeout: 30_000 }).toBe(`Showing all ${LARGE} findings`);
    await big.click('th[data-sort="severity"] button');
    await expect.poll(() => big.getAttribute('th[data-sort="severity"]', 'aria-sort'), { timeout: 30_000 }).toBe('descending');
    const ranks = (await bigRows()).map((i) => RANK[large.findings[i]!.severity]);
    expect(ranks[0]).toBe(large.findings.reduce((m, f) => Math.max(m, RANK[f.severity]), 0));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
    expect(bigProblems).toEqual([]);
  });
});
