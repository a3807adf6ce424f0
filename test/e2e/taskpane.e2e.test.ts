/**
 * End to end: the production task pane page in Debian's chromium (playwright-core), with the Excel double
 * served in place of Office.js, loaded with the sample register as an Excel table and an analyst's notes
 * column beside it; clicks through mapping, validate, categorise (its progress through reading,
 * categorising and writing, held mid-run to look at it; the counts per category after it; the focus on
 * its message; the mapping still shown above it), compare and the profile of the selected school, a
 * second run that clears the earlier messages and is cancelled mid-write, and more than 500 problems
 * written to a Problems sheet; checks the cells written (the results inside the table, the notes
 * untouched, the SIG pack's sheets holding the run's counts and profiles, an analyst's "Problems" sheet
 * untouched), the Tab order, and that nothing but the intercepted Office.js URL leaves localhost.
 * Screenshots of each step (before the run, running, after it, cancelled, problems capped) at 320 and
 * 450 px go to the temporary folder (their paths are printed); with UPDATE_SCREENSHOTS=1 the ones the
 * README shows are saved in docs/screenshots/ (taskpane.png, pane-after-run-320.png, pane-after-run-450.png).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import webpack, { type Configuration } from 'webpack';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILES_SHEET, SUMMARY_SHEET } from '../../src/run/packSheets';
import { RESULT_HEADERS } from '../../src/run/registerRun';
import { RUN_LOG_SHEET } from '../../src/run/runLog';
import { markerName, RUN_MARKER } from '../../src/run/resultMarker';
import { RESULT_IDS } from '../../src/run/resultPlacement';
import { shownCell, type Cell } from '../../src/workbook/cell';
import { readSheetGrid } from '../../src/workbook/readFile';

const require = createRequire(import.meta.url);
const ROOT = resolve(__dirname, '../..');
const configure = require('../../webpack.config.js') as (env: { outDir?: string }, options: { mode: string }) => Promise<Configuration>;
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const CHROMIUM = process.env.SCHOOLRISK_CHROMIUM ?? '/usr/bin/chromium';
const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.png': 'image/png', '.xml': 'application/xml' };

const compile = (config: Configuration) => new Promise<void>((done, fail) => {
  const compiler = webpack(config);
  compiler.run((err, stats) => compiler.close(() => (err ? fail(err) : stats?.hasErrors() ? fail(new Error(stats.toString({ all: false, errors: true }))) : done())));
});

let out = '';
let server: Server | undefined;
let browser: Browser | undefined;
let page: Page;
let port = 0;
let grid: Cell[][] = [];
/** Columns of the analyst's table (the sample register); the notes column is past where the results go. */
let tableWidth = 0;
let notesColumn = 0;
const offsite: string[] = [];
/** The document settings the page's workbook opens with (empty: a workbook the add-in has not seen). */
let workbookSettings: Record<string, unknown> = {};

/**
 * Without Debian's chromium the end-to-end tests are skipped with one line saying how to run them; under
 * CI (.ci/run installs it) they are required.
 */
const HAVE_BROWSER = existsSync(CHROMIUM);
if (!HAVE_BROWSER) {
  if (process.env.CI) throw new Error(`The end-to-end tests need Debian's chromium at ${CHROMIUM} under CI (.ci/run installs it).`);
  console.warn(`skipped: the task pane end-to-end tests need Debian's chromium at ${CHROMIUM} (sudo apt-get install chromium), then npm run test:e2e`);
}
const suite = HAVE_BROWSER ? describe : describe.skip;

beforeAll(async () => {
  if (!HAVE_BROWSER) return;
  out = mkdtempSync(join(tmpdir(), 'school-risk-e2e-'));
  const pane = await configure({ outDir: join(out, 'dist') }, { mode: 'production' });
  const double: Configuration = {
    mode: 'production', context: ROOT, target: ['web', 'es2022'], devtool: false,
    entry: { 'office-double': './test/e2e/officeDouble.entry.ts' },
    output: { path: join(out, 'double'), filename: '[name].js' },
    resolve: { extensions: ['.ts', '.tsx', '.js'] },
    module: { rules: [{ test: /\.tsx?$/, exclude: /node_modules/, use: { loader: 'ts-loader', options: { transpileOnly: true, compilerOptions: { noEmit: false } } } }] },
    node: { global: false }, performance: { hints: false },
  };
  await Promise.all([compile(pane), compile(double)]);

  grid = (await readSheetGrid(join(ROOT, 'examples/sample-register.xlsx'))).values.map((r) => r.map(shownCell));
  // One unreadable date, so Validate has a problem to select.
  const dateColumn = grid[0]!.findIndex((h) => /inspection date/i.test(String(h)));
  grid[3]![dateColumn] = '31/02/2025';
  // The analyst's notes, without a header, right of where the result columns go.
  tableWidth = grid[0]!.length;
  notesColumn = tableWidth + RESULT_HEADERS.length;
  grid = grid.map((r, i) => [...r, ...Array<Cell>(RESULT_HEADERS.length).fill(''), i === 0 ? '' : `Called the head, visit ${i}`]);

  const dist = join(out, 'dist');
  server = createServer((req, res) => {
    const name = (req.url ?? '/').split('?')[0]!.replace(/^\/+/, '') || 'taskpane.html';
    const file = join(dist, name);
    if (!file.startsWith(dist) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': MIME[extname(name)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    // playwright gives launch() a fresh temporary profile of its own (it refuses --user-data-dir here).
  });
  page = await browser.newPage({ viewport: { width: 320, height: 1000 }, locale: 'en-GB' });
  const doubleScript = readFileSync(join(out, 'double/office-double.js'), 'utf8');
  await page.route('**/*', (route) => {
    const url = route.request().url();
    const script = `window.__REGISTER__ = ${JSON.stringify(grid)};\nwindow.__TABLE__ = ${JSON.stringify({ name: 'Schools', columns: tableWidth })};\nwindow.__SETTINGS__ = ${JSON.stringify(workbookSettings)};\n${doubleScript}`;
    if (url === OFFICE_JS) return route.fulfill({ status: 200, contentType: 'text/javascript', body: script });
    if (new URL(url).hostname === '127.0.0.1') return route.continue();
    offsite.push(url);
    return route.abort();
  });
  page.on('pageerror', (e) => offsite.push(`pageerror: ${e.message}`));
  await page.goto(`http://127.0.0.1:${port}/taskpane.html`);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

type DoubleOnPage = { sheet(n: string): { value(r: number, c: number): unknown; table(n: string): { right: number }; names: { name: string }[] } };
const onSheet = <T>(f: (sheet: ReturnType<DoubleOnPage['sheet']>) => T) => page.evaluate(`(${f.toString()})(window.__double.sheet('Register'))`) as Promise<T>;

/**
 * A screenshot of the whole pane at a width, in the temporary folder (its path printed, to look at);
 * `from` scrolls to an element and takes the 1000 px from there instead (a list of 500 problems is too
 * long to look at whole); `keep` names the copy saved in docs/screenshots/ with UPDATE_SCREENSHOTS=1;
 * `false` (or `top: false`) keeps the scroll where it is.
 */
async function screenshotAt(width: number, name: string, options: { keep?: string; from?: string; top?: boolean } | boolean = {}): Promise<string> {
  const o = typeof options === 'boolean' ? { top: options } : options;
  const shot = join(tmpdir(), `schoolrisk-${name}-${width}-${process.pid}.png`);
  await page.setViewportSize({ width, height: 1000 });
  if (o.from || o.top !== false) await page.evaluate((sel) => (sel ? document.querySelector(sel)?.scrollIntoView() : window.scrollTo(0, 0)), o.from ?? '');
  const fullPage = !o.from && o.top !== false;
  await page.screenshot({ path: shot, fullPage });
  if (o.keep && process.env.UPDATE_SCREENSHOTS === '1') await page.screenshot({ path: join(ROOT, 'docs/screenshots', o.keep), fullPage });
  console.info(`screenshot: ${shot}`);
  // Nothing sticks out sideways at this width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  return shot;
}

/** A screenshot of one part of the pane at a width, in the temporary folder (its path printed, to look at). */
async function sectionShot(part: ReturnType<Page['locator']>, width: number, name: string): Promise<string> {
  const shot = join(tmpdir(), `schoolrisk-${name}-${width}-${process.pid}.png`);
  await page.setViewportSize({ width, height: 1000 });
  await part.screenshot({ path: shot });
  console.info(`screenshot: ${shot}`);
  return shot;
}

/** Screenshots of a step at 320 and 450 px, back at 320 px after. */
async function screenshots(name: string, options: { keep?: boolean; from?: string } = {}): Promise<void> {
  for (const width of [320, 450]) expect(existsSync(await screenshotAt(width, name, { keep: options.keep ? `pane-${name}-${width}.png` : undefined, from: options.from }))).toBe(true);
  await page.setViewportSize({ width: 320, height: 1000 });
}

type Held = { __holdAt(n: number): void; __held(): boolean; __release(): void; __phases: string[] };
/** Holds the next run after its n-th sync that writes values (see officeDouble.entry.ts), and records the phases its progress shows. */
const holdAt = (n: number) => page.evaluate((k) => {
  const w = window as unknown as Held;
  w.__holdAt(k);
  w.__phases = [];
  new MutationObserver(() => {
    const phase = document.querySelector('[data-run-progress]')?.getAttribute('data-run-progress');
    if (phase && w.__phases[w.__phases.length - 1] !== phase) w.__phases.push(phase);
  }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-run-progress'] });
}, n);
const held = () => page.evaluate(() => (window as unknown as Held).__held());
const release = () => page.evaluate(() => (window as unknown as Held).__release());
const phases = () => page.evaluate(() => (window as unknown as Held).__phases);
/** The element that has the focus: its tag and text. */
const focused = () => page.evaluate(() => ({ notice: document.activeElement?.hasAttribute('data-notice') ?? false, text: document.activeElement?.textContent?.trim() ?? '' }));

/** A whole sheet of the double, as the values its used range holds (row 1 first); [] when there is no such sheet. */
type SheetOnPage = { usedBox(): { top: number; left: number; bottom: number; right: number } | null; grid(b: unknown): unknown[][]; pageBreaks: number[]; charts: unknown[] };
const sheetValues = (name: string) => page.evaluate((n) => {
  const s = (window as unknown as { __double: { sheet(n: string): SheetOnPage | undefined } }).__double.sheet(n);
  const box = s?.usedBox();
  return s && box ? s.grid({ ...box, top: 0, left: 0 }) : [];
}, name);
/** The settings the pane saved in the page's workbook. */
const savedSettings = async () => JSON.parse(String(await page.evaluate(() => (window as unknown as { __double: { settingsData: Map<string, unknown> } }).__double.settingsData.get('schoolRisk.settings') ?? '{}'))) as { framework?: string; parameters?: Record<string, Record<string, unknown>>; frameworkFiles?: unknown[] };

const cell = (row: number, col: number) => page.evaluate(([r, c]) => (window as unknown as { __double: { sheet(n: string): { value(r: number, c: number): unknown } } }).__double.sheet('Register')!.value(r!, c!), [row, col]);

/** Selects a cell in the first school of the least concerning category (Universal: not in the pack's profiles); its sheet row. */
async function selectUniversalSchool(): Promise<number> {
  let row = 1;
  while (!String(await cell(row, tableWidth)).startsWith('Universal')) row++;
  await selectRegisterCell(row, 1);
  return row;
}

/** Presses Tab until the focused element's text is `text` (at most `most` times); the text focused last. */
async function tabTo(text: string, most: number): Promise<string> {
  let focused = '';
  for (let i = 0; i < most && focused !== text; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
  }
  return focused;
}

/** Makes Register the active sheet with one of its cells selected, as the analyst clicking it. */
async function selectRegisterCell(row: number, col: number): Promise<void> {
  await page.evaluate(([r, c]) => {
    const d = (window as unknown as { __double: { selection: unknown; active: string } }).__double;
    d.selection = { sheet: 'Register', box: { top: r, left: c, bottom: r, right: c } };
    d.active = 'Register';
  }, [row, col]);
}

suite('the task pane in chromium, on the Excel double', () => {
  it('finds the register and shows the mapping', async () => {
    await page.getByRole('button', { name: 'Find register' }).click();
    await expect.poll(() => page.getByText('Register found').count()).toBe(1);
    await page.getByText(/columns mapped: show or correct/).click();
    expect(await page.getByRole('combobox', { name: /Field for column URN/ }).count()).toBe(1);
    await page.getByText(/columns mapped: show or correct/).click();
    await screenshots('before-run');
  });

  it('validates, lists the bad date, and selects its cell', async () => {
    await page.getByRole('button', { name: 'Validate' }).click();
    const problem = page.getByRole('button', { name: /31\/02\/2025/ }).first();
    await problem.waitFor();
    await problem.click();
    const dateColumn = grid[0]!.findIndex((h) => /inspection date/i.test(String(h)));
    await expect.poll(() => page.evaluate(() => (window as unknown as { __double: { selection: { box: { top: number; left: number } } } }).__double.selection.box)).toEqual({ top: 3, left: dateColumn, bottom: 3, right: dateColumn });
  });

  it('categorises, showing its progress through reading, categorising and writing, and announcing it', async () => {
    // Held after the result rows, while the SIG pack's sheets are written.
    await holdAt(2);
    await page.getByRole('button', { name: 'Categorise' }).click();
    await expect.poll(held, { timeout: 30_000 }).toBe(true);
    // The same button is now Cancel, and has kept the focus; the earlier messages are gone.
    expect(await page.getByRole('button', { name: 'Cancel' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Categorise' }).count()).toBe(0);
    expect(await page.getByText('Validated').count()).toBe(0);
    const bar = page.getByRole('progressbar');
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
    expect(Number(await bar.getAttribute('aria-valuenow'))).toBeLessThan(1);
    expect(await page.getByText(/^Step 3 of 3: Writing the SIG pack and Run log$/).count()).toBe(1);
    expect(await page.getByText(/^rows 200 of 200; write 1 of \d+, last to "Register" \(\d+%\)$/).count()).toBe(1);
    // Screen readers hear the phase through a polite live region.
    expect(await page.locator('[role="status"][aria-live="polite"]').filter({ hasText: /^Step 3 of 3: Writing the SIG pack and Run log, \d+%\.$/ }).count()).toBe(1);
    expect(await phases()).toEqual(['reading', 'categorising', 'writing']);
    await screenshots('running');
    await release();
    await page.getByText(/^Categorised \d+ of \d+ schools/).waitFor({ timeout: 30_000 });
    // The focus is on the run's message; the button is Categorise again.
    expect((await focused()).notice).toBe(true);
    expect((await focused()).text).toMatch(/^Categorised \d+ of \d+ schools/);
    expect(await page.getByRole('button', { name: 'Categorise' }).isEnabled()).toBe(true);
    // The mapping is still shown, above the run's message.
    const mappingTop = (await page.getByRole('heading', { name: 'Mapping' }).boundingBox())!.y;
    const noticeTop = (await page.locator('[data-notice]').boundingBox())!.y;
    expect(mappingTop).toBeLessThan(noticeTop);
    expect(await page.getByText(/columns mapped: show or correct/).count()).toBe(1);
  });

  it('shows the counts per category after the run, as the Category column has them, with the provisional ones', async () => {
    const written = new Map<string, { schools: number; provisional: number }>();
    for (let r = 1; r < grid.length; r++) {
      const text = String(await cell(r, tableWidth));
      const label = text.replace(/ \[override\]$/, '').replace(/ \(.*$/, '');
      if (!label) continue;
      const c = written.get(label) ?? { schools: 0, provisional: 0 };
      c.schools++;
      if (/provisional/.test(text)) c.provisional++;
      written.set(label, c);
    }
    const shown = await page.locator('[data-category]').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '')));
    const categorised = shown.filter((r) => r[0] !== 'Not categorised' && Number(r[1]) > 0);
    expect(categorised.map((r) => [r[0], { schools: Number(r[1]), provisional: Number(r[2]) }])).toEqual([...written].sort((a, b) => shown.findIndex((r) => r[0] === a[0]) - shown.findIndex((r) => r[0] === b[0])));
    expect(shown.find((r) => r[0] === 'Not categorised')?.[1]).toBe('1');
    await screenshots('after-run', { keep: true });
  });

  it('categorises: writes the results as columns of the analyst\'s table, leaves the notes, writes the SIG pack and the run log', async () => {
    const w = tableWidth;
    for (let i = 0; i < RESULT_HEADERS.length; i++) expect(await cell(0, w + i)).toBe(RESULT_HEADERS[i]);
    expect(String(await cell(1, w))).not.toBe('');
    // The row with the bad date is not categorised, and says why.
    expect(await cell(3, w)).toBe('');
    expect(String(await cell(3, w + RESULT_HEADERS.indexOf('Problems')))).toMatch(/31\/02\/2025/);
    // The analyst's own cells are untouched, the notes column included.
    for (const [r, c] of [[0, 0], [1, 0], [5, w - 1], [3, 2]] as const) expect(await cell(r, c)).toBe(grid[r]![c]);
    for (let r = 1; r < grid.length; r++) expect(await cell(r, notesColumn)).toBe(grid[r]![notesColumn]);
    expect(await cell(0, notesColumn)).toBe('');
    // The results are table columns, so sorting the table keeps each school with its results; the marker is on the sheet.
    expect(await onSheet((s) => s.table('Schools').right)).toBe(w + RESULT_HEADERS.length - 1);
    expect((await onSheet((s) => s.names.map((n) => n.name))).sort()).toEqual([...RESULT_IDS.map(markerName), RUN_MARKER].sort());
    const notes = page.getByRole('list', { name: 'Where the results went' });
    expect(await notes.textContent()).toMatch(/added to table "Schools"/);
    const sheets = await page.evaluate(() => (window as unknown as { __double: { sheets: { name: string; charts: unknown[] }[] } }).__double.sheets.map((s) => [s.name, s.charts.length]));
    expect(sheets).toEqual([['Register', 0], [SUMMARY_SHEET, 2], [PROFILES_SHEET, 0], [RUN_LOG_SHEET, 0]]);
    // The notice names the pack's sheets.
    const notice = await page.getByText(/^Categorised \d+ of \d+ schools/).locator('..').textContent();
    expect(notice).toContain(`"${SUMMARY_SHEET}"`);
    expect(notice).toMatch(new RegExp(`"${PROFILES_SHEET}" \\(\\d+ school profiles`));
  });

  it('the SIG summary holds the run\'s counts per category, and School profiles a page per school of concern', async () => {
    // The counts of the Category column the run wrote (its label, before any variant, "(provisional)" or "[override]").
    const written = new Map<string, number>();
    for (let r = 1; r < grid.length; r++) {
      const label = String(await cell(r, tableWidth)).replace(/ \[override\]$/, '').replace(/ \(.*$/, '');
      if (label) written.set(label, (written.get(label) ?? 0) + 1);
    }
    const summary = await sheetValues(SUMMARY_SHEET);
    const header = summary.findIndex((r) => r[0] === 'Category' && r[1] === 'Schools');
    const counts = new Map<string, number>();
    for (let r = header + 1; summary[r]![0] !== 'Not categorised (see Problems)'; r++) counts.set(String(summary[r]![0]), Number(summary[r]![1]));
    expect([...counts].filter(([, n]) => n > 0)).toEqual([...written].sort((a, b) => [...counts.keys()].indexOf(a[0]) - [...counts.keys()].indexOf(b[0])));
    // A profile per school in the two most concerning categories, each after a page break.
    const top = [...counts.keys()].slice(-2);
    const ofConcern = top.reduce((n, c) => n + (counts.get(c) ?? 0), 0);
    const profiles = await sheetValues(PROFILES_SHEET);
    const categoryRows = profiles.filter((r) => r[0] === 'Category' && top.some((c) => String(r[1]).startsWith(c)));
    expect(categoryRows).toHaveLength(ofConcern);
    const breaks = await page.evaluate((n) => (window as unknown as { __double: { sheet(n: string): SheetOnPage } }).__double.sheet(n).pageBreaks.length, PROFILES_SHEET);
    expect(breaks).toBe(ofConcern - 1);
  });

  it('compares the selected school under all five frameworks, with reasons', async () => {
    await page.evaluate(() => {
      (window as unknown as { __double: { selection: unknown } }).__double.selection = { sheet: 'Register', box: { top: 1, left: 0, bottom: 1, right: 0 } };
    });
    await page.getByRole('button', { name: 'Compare selected school' }).click();
    await page.locator('[data-framework]').first().waitFor();
    expect(await page.locator('[data-framework]').count()).toBe(5);
    expect(await page.locator('[data-framework] li').count()).toBeGreaterThan(4);
    // The inspection risk, once, with every point: "+N: ..." lines that add up to the score in the summary.
    const summary = await page.locator('[data-risk] strong').locator('..').textContent();
    expect(summary).toMatch(/^Inspection risk: Score (\d+): /);
    const points = await page.getByRole('list', { name: 'Inspection risk points' }).locator('li').allTextContents();
    expect(points.length).toBeGreaterThan(1);
    expect(points.reduce((sum, t) => sum + Number(t.slice(0, t.indexOf(':'))), 0)).toBe(Number(/Score (\d+)/.exec(summary!)![1]));
    // The README's screenshot is refreshed on request (UPDATE_SCREENSHOTS=1), so a test run leaves the tree clean.
    const shot = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs/screenshots/taskpane.png') : join(tmpdir(), `schoolrisk-taskpane-${process.pid}.png`);
    mkdirSync(dirname(shot), { recursive: true });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: shot });
    expect(existsSync(shot)).toBe(true);
  });

  it('writes the profile of the selected school as a page at the end of School profiles, and selects it', async () => {
    const before = (await sheetValues(PROFILES_SHEET)).length;
    const row = await selectUniversalSchool();
    await page.getByRole('button', { name: 'Profile of selected school' }).click();
    await page.getByText(/^Profile of .+ written$/).waitFor({ timeout: 30_000 });
    const profiles = await sheetValues(PROFILES_SHEET);
    expect(profiles[before]![0]).toBe(grid[row]![grid[0]!.findIndex((h) => String(h).trim() === 'School name')]);
    expect(String(profiles[before + 2]![1])).toMatch(/^Universal/);
    const selection = await page.evaluate(() => (window as unknown as { __double: { selection: unknown } }).__double.selection);
    expect(selection).toEqual({ sheet: PROFILES_SHEET, box: { top: before, left: 0, bottom: before, right: 0 } });
    await screenshots('after-profile');
  });

  it('reaches Profile of selected school from the keyboard, and selects the page a school has already', async () => {
    const before = (await sheetValues(PROFILES_SHEET)).length;
    const school = grid[0]!.findIndex((h) => String(h).trim() === 'School name');
    const row = await selectUniversalSchool();
    // Tab from the top of the page until the button has the focus: every control on the way is reachable.
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    expect(await tabTo('Profile of selected school', 80)).toBe('Profile of selected school');
    await page.keyboard.press('Enter');
    await page.getByText(new RegExp(`^${String(grid[row]![school]).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} has a profile already$`)).waitFor({ timeout: 30_000 });
    // Found and selected, not added again.
    expect((await sheetValues(PROFILES_SHEET)).length).toBe(before);
    const selection = await page.evaluate(() => (window as unknown as { __double: { selection: { sheet: string } } }).__double.selection);
    expect(selection.sheet).toBe(PROFILES_SHEET);
  });

  it('Tab follows the visual order, top to bottom and left to right within a row, through every control', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    const seen: { text: string; x: number; y: number }[] = [];
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const at = await page.evaluate(() => {
        const e = document.activeElement as HTMLElement | null;
        const r = e?.getBoundingClientRect();
        return e && r ? { text: (e.getAttribute('aria-label') ?? e.textContent ?? '').trim().slice(0, 40), x: r.left + window.scrollX, y: r.top + window.scrollY } : null;
      });
      if (!at) break;
      // The date input takes a Tab per part (day, month, year): one place.
      const last = seen[seen.length - 1];
      if (!last || last.x !== at.x || last.y !== at.y) seen.push(at);
    }
    for (const name of ['Find register', 'Validate', 'Categorise', 'Compare selected school', 'Profile of selected school']) expect(seen.map((s) => s.text)).toContain(name);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      if (b.y < a.y - 2) {
        // Upwards only by wrapping round to the top (the page, then the first control); a jump back up inside the pane is a fault.
        expect(b.y <= seen[0]!.y + 2, `${a.text} then ${b.text}: back up the pane`).toBe(true);
        break;
      }
      expect(b.y > a.y + 2 || b.x > a.x, `${a.text} then ${b.text}`).toBe(true);
    }
  });

  it('a new run clears the earlier messages; Cancel stops it between syncs and says what was written and what was not', async () => {
    expect(await page.locator('[data-framework]').count()).toBe(5);
    // Held after the first sync that writes result rows: Cancel is pressed while it is under way.
    await holdAt(1);
    await page.getByRole('button', { name: 'Categorise' }).click();
    await expect.poll(held, { timeout: 30_000 }).toBe(true);
    expect(await page.locator('[data-framework]').count()).toBe(0);
    expect(await page.locator('[data-notice]').count()).toBe(0);
    expect(await page.getByRole('heading', { name: /^Problems/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByText(/^Stopping after the current write/).count()).toBe(1);
    await release();
    await page.getByText(/^Cancelled$/).waitFor({ timeout: 30_000 });
    const text = await page.locator('[data-notice]').textContent();
    expect(text).toMatch(/Written: new results in sheet rows 2 to 201 of "Register", columns BQ to BY, whole rows only \(200 of 200\)/);
    expect(text).toContain(`Not written: "${SUMMARY_SHEET}", "${PROFILES_SHEET}" and "${RUN_LOG_SHEET}"`);
    expect(await page.getByRole('button', { name: 'Categorise' }).isEnabled()).toBe(true);
    expect((await focused()).notice).toBe(true);
    // No counts after a run that did not finish.
    expect(await page.locator('[data-category]').count()).toBe(0);
    // The Run log still has the one run.
    expect((await sheetValues(RUN_LOG_SHEET)).length).toBe(2);
    await screenshots('cancelled');
  });

  it('lists at most 500 problems, says how many there are, and writes them all to a Problems sheet of its own, beside an analyst\'s', async () => {
    // Three numeric columns of every school unreadable: 600 problems.
    const columns = ['KS2 cohort', 'Progress 8', 'Attainment 8'].map((h) => grid[0]!.indexOf(h));
    await page.evaluate((cs) => {
      const d = (window as unknown as { __double: { sheet(n: string): { put(r: number, c: number, v: unknown[][]): void }; addSheet(n: string, v: unknown[][]): unknown } }).__double;
      for (let r = 1; r <= 200; r++) for (const c of cs) d.sheet('Register').put(r, c, [['n/a?']]);
      d.addSheet('Problems', [['The analyst\'s own list']]);
    }, columns);
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText(/^showing 500 of [\d,]+ problems/).waitFor({ timeout: 30_000 });
    const total = Number((await page.getByRole('heading', { name: /^Problems \(\d+\)$/ }).textContent())!.replace(/\D/g, ''));
    expect(total).toBeGreaterThanOrEqual(600);
    expect(await page.getByRole('list', { name: 'Problems' }).locator('li').count()).toBe(500);
    await screenshots('problems-capped', { from: '#run' });
    await page.getByRole('button', { name: 'Write all problems to a sheet' }).click();
    await page.getByText(new RegExp(`^Wrote ${total} problems to "Problems \\(2\\)"`)).waitFor({ timeout: 30_000 });
    const ours = await sheetValues('Problems (2)');
    expect(ours[0]).toEqual(['Row', 'Column', 'Value', 'Expected', 'Message', 'Severity']);
    expect(ours).toHaveLength(total + 1);
    expect(ours.filter((r) => r[1] === 'Progress 8')).toHaveLength(200);
    expect(await sheetValues('Problems')).toEqual([['The analyst\'s own list']]);
    // Written again: ours is replaced, the analyst's still untouched.
    await page.getByRole('button', { name: 'Write all problems to a sheet' }).click();
    await page.getByText(/replacing the one an earlier write made/).waitFor({ timeout: 30_000 });
    expect(await page.evaluate(() => (window as unknown as { __double: { sheets: { name: string }[] } }).__double.sheets.map((s) => s.name).filter((n) => n.startsWith('Problems')))).toEqual(['Problems', 'Problems (2)']);
    expect(await sheetValues('Problems')).toEqual([['The analyst\'s own list']]);
    // The register as it was, blanks included, for the tests after this one (`put` skips blanks: set each cell).
    await page.evaluate(([cs, g]) => {
      const d = (window as unknown as { __double: { sheet(n: string): { cell(r: number, c: number, create: boolean): { value: unknown } } } }).__double;
      for (let r = 1; r < g.length; r++) for (const c of cs) d.sheet('Register').cell(r, c, true).value = g[r]![c];
    }, [columns, grid] as const);
    expect(await page.evaluate(() => {
      const sheet = (window as unknown as { __double: { sheet(n: string): { value(r: number, c: number): unknown } } }).__double.sheet('Register');
      let left = 0;
      for (let r = 1; r <= 200; r++) for (let c = 0; c < 80; c++) if (sheet.value(r, c) === 'n/a?') left++;
      return left;
    })).toBe(0);
  });

  it('updates from Ofsted data: picks the files, previews the changes without writing, writes them on Apply, and a second refresh changes nothing', async () => {
    // The refresh reads the register the selection is in, as Find register does (the profile test left School profiles selected).
    await selectRegisterCell(1, 0);
    const before = await sheetValues('Register');
    await page.getByLabel('Ofsted management information (CSV)').setInputFiles(join(ROOT, 'examples/ofsted-mi-sample.csv'));
    await page.getByLabel(/^Get Information about Schools extract/).setInputFiles(join(ROOT, 'examples/gias-sample.csv'));
    await page.getByLabel(/^Local authority code/).fill('999');
    await page.getByRole('button', { name: 'Preview changes' }).click();
    const counts = page.getByRole('list', { name: 'What the refresh will do' });
    await counts.waitFor({ timeout: 30_000 });
    const lines = await counts.locator('li').allTextContents();
    const filled = Number(/^(\d+) blank cells? to fill$/.exec(lines[0]!)![1]);
    const updated = Number(/^(\d+) cells? to update$/.exec(lines[1]!)![1]);
    expect(filled + updated).toBeGreaterThan(40);
    expect(lines.slice(2)).toEqual([
      '0 conflicts kept as you have them', '1 school found under a new URN (academy converters)',
      '2 schools of LA 999 in the data but not in the register', '1 register school not in the data (closed or merged?)',
    ]);
    // The files were read as Windows-1252, and said so.
    expect(await page.getByRole('list', { name: 'About the refresh' }).textContent()).toMatch(/ofsted-mi-sample\.csv: The file is not UTF-8: it was read as Windows-1252/);
    const listed = page.getByRole('list', { name: /^Every change/ });
    expect(await listed.locator('li').count()).toBe(filled + updated);
    // A preview writes nothing.
    expect(await sheetValues('Register')).toEqual(before);
    expect(await sheetValues('Changes')).toEqual([]);
    const preview = page.locator('section[aria-labelledby="refresh"]');
    for (const width of [320, 450]) expect(existsSync(await sectionShot(preview, width, 'refresh-preview'))).toBe(true);

    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByText(/^Refreshed: \d+ cells? changed$/).waitFor({ timeout: 30_000 });
    expect(await page.getByText(/^Refreshed: /).textContent()).toBe(`Refreshed: ${filled + updated} cells changed`);
    const after = await sheetValues('Register');
    const changed: string[] = [];
    for (let r = 0; r < Math.max(before.length, after.length); r++) {
      for (let c = 0; c < Math.max(before[r]?.length ?? 0, after[r]?.length ?? 0); c++) if (before[r]?.[c] !== after[r]?.[c]) changed.push(String(before[0]![c]));
    }
    // Every cell changed is one of the refresh's, in the inspection columns it owns.
    expect(changed).toHaveLength(filled + updated);
    const owned = new Set(['Report card date', 'Inclusion', 'Curriculum and teaching', 'Achievement', 'Attendance and behaviour', 'Personal development and wellbeing', 'Leadership and governance', 'Safeguarding effective', 'Ungraded inspection date', 'Ungraded outcome', 'Inspection date', 'Ofsted grade', 'Status', 'Phase']);
    expect(changed.filter((h) => !owned.has(h))).toEqual([]);
    const changes = await sheetValues('Changes');
    expect(changes[0]).toEqual(['URN', 'School', 'Column', 'Was', 'Now', 'Source', 'Source date', 'What', 'Why']);
    expect(changes[1]![0]).toBe(`Changed (${filled + updated})`);
    expect(await page.evaluate(() => (window as unknown as { __double: { sheet(n: string): { visibility: string } } }).__double.sheet('SchoolRisk refresh').visibility)).toBe('Hidden');
    for (const width of [320, 450]) expect(existsSync(await sectionShot(preview, width, 'refresh-applied'))).toBe(true);

    // Again with the same files, from the keyboard: Tab from Preview changes to Apply (through the counts' list), Enter.
    await page.getByRole('button', { name: 'Preview changes' }).click();
    await counts.waitFor();
    expect((await counts.locator('li').allTextContents()).slice(0, 3)).toEqual(['0 blank cells to fill', '0 cells to update', '0 conflicts kept as you have them']);
    await page.getByRole('button', { name: 'Preview changes' }).focus();
    expect(await tabTo('Apply', 10)).toBe('Apply');
    await page.keyboard.press('Enter');
    await page.getByText(/^Refreshed: 0 cells changed$/).waitFor({ timeout: 30_000 });
    expect(await sheetValues('Register')).toEqual(after);
    await page.setViewportSize({ width: 320, height: 1000 });
  });

  it('sets a parameter under Authority settings: checked as typed, saved in the workbook, reset, and used by the run', async () => {
    await page.getByText(/parameters of oxfordshire/).click();
    const days = page.getByRole('spinbutton', { name: /^targetedMaxDays/ });
    await days.fill('500');
    await days.press('Enter');
    await page.getByText('Parameter "targetedMaxDays" is 500; expected a number from 0 to 20.').waitFor();
    expect(await savedSettings()).not.toMatchObject({ parameters: { oxfordshire: { targetedMaxDays: 500 } } });
    await days.fill('2');
    await days.press('Enter');
    await expect.poll(savedSettings).toMatchObject({ parameters: { oxfordshire: { targetedMaxDays: 2 } } });
    // Saving asks Excel to recalculate, so the custom functions in the cells use the new value.
    expect(await page.evaluate(() => (window as unknown as { __double: { recalculations: number } }).__double.recalculations)).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Reset targetedMaxDays to default' }).click();
    await expect.poll(savedSettings).toMatchObject({ parameters: { oxfordshire: {} } });
    await days.fill('2');
    await days.press('Enter');
    await expect.poll(savedSettings).toMatchObject({ parameters: { oxfordshire: { targetedMaxDays: 2 } } });
    for (const width of [320, 450]) {
      await days.scrollIntoViewIfNeeded();
      expect(existsSync(await screenshotAt(width, 'authority-settings', false))).toBe(true);
      // Nothing in the section is wider than the pane.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    // The inspection-window and risk parameters, under their prefix, at both widths.
    await page.getByText(/^Inspection windows, report-card mapping and risk model/).click();
    const window = page.getByRole('spinbutton', { name: /^windows\.goodEarliestMonths/ });
    for (const width of [320, 450]) {
      await window.scrollIntoViewIfNeeded();
      expect(existsSync(await screenshotAt(width, 'authority-national', false))).toBe(true);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
    }
    await page.setViewportSize({ width: 320, height: 1000 });

    // The pane still shows an earlier run's "Categorised" message: Validate replaces it, so the wait below is for this run.
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('Validated').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Categorise' }).click();
    await page.getByText(/^Categorised \d+ of \d+ schools/).waitFor({ timeout: 30_000 });
    // Every school but the one with a bad date is categorised again (the earlier tests' bad cells are gone).
    const categorised = Number(/^Categorised (\d+) of/.exec((await page.locator('[data-notice]').first().textContent()) ?? '')?.[1]);
    expect(categorised).toBeGreaterThanOrEqual(190);
    const supportColumn = tableWidth + RESULT_HEADERS.indexOf('Support');
    const offers = await Promise.all(Array.from({ length: grid.length - 1 }, (_, i) => cell(i + 1, supportColumn)));
    // The offer is the cell's first line (additional offers follow it as "Also: ...").
    const firstLines = offers.map((o) => String(o).split('\n')[0]);
    expect(firstLines).toContain('Up to 2 days a year');
    expect(firstLines).not.toContain('Up to 3 days a year');
    const log = await page.evaluate(() => {
      const sheet = (window as unknown as { __double: { sheet(n: string): { value(r: number, c: number): unknown } } }).__double.sheet('Run log');
      return Array.from({ length: 20 }, (_, c) => String(sheet.value(2, c)));
    });
    expect(log).toContain('targetedMaxDays=2');
    // The run's counts and problems are shown until the next action.
    expect(await page.getByRole('heading', { name: 'Schools per category' }).count()).toBe(1);
    expect(await page.getByRole('heading', { name: /^Problems \(\d+\)$/ }).count()).toBe(1);
    // Our own result columns are not offered for mapping: every column of the analyst's is mapped, as before the run.
    await selectRegisterCell(1, 0);
    await page.getByRole('button', { name: 'Find register' }).click();
    await page.getByText(new RegExp(`^${tableWidth} of ${tableWidth} columns mapped \\(and ${RESULT_HEADERS.length} result columns of ours\\): show or correct$`)).waitFor({ timeout: 30_000 });
    // Finding the register again is a new action: the last run's counts and problems are gone with its message.
    expect(await page.getByRole('heading', { name: 'Schools per category' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: /^Problems \(\d+\)$/ }).count()).toBe(0);
    expect(await page.getByText(/^Categorised \d+ of \d+ schools/).count()).toBe(0);
    await screenshots('mapping-after-run', { from: '#mapping' });
  });

  it('shows the next analyst who opens the workbook the same framework and parameters', async () => {
    workbookSettings = { 'schoolRisk.settings': JSON.stringify(await savedSettings()) };
    await page.reload();
    await page.getByText(/1 parameter set away from the default; saved in this workbook/).waitFor();
    await page.getByText(/parameters of oxfordshire/).click();
    expect(await page.getByRole('spinbutton', { name: /^targetedMaxDays/ }).inputValue()).toBe('2');
    expect(await page.getByText('targetedMaxDays (days) (set)').count()).toBe(1);
  });

  it('loads a framework file: a broken one is refused with its problems, Northmoor is saved in the workbook and runs', async () => {
    const northmoor = readFileSync(join(ROOT, 'examples/frameworks/northmoor.json'), 'utf8');
    const input = page.locator('input[aria-label="Framework file"]');
    await input.setInputFiles({ name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(northmoor.replace('"fact": "attendancePct"', '"fact": "atendancePct"')) });
    const problems = page.getByRole('list', { name: 'Framework file problems' });
    await problems.waitFor();
    expect(await problems.textContent()).toMatch(/"atendancePct" is not a fact; did you mean "attendancePct"\?/);
    expect((await savedSettings()).frameworkFiles ?? []).toEqual([]);

    await input.setInputFiles({ name: 'northmoor.json', mimeType: 'application/json', buffer: Buffer.from(northmoor) });
    await page.getByText('Framework loaded').waitFor();
    await expect.poll(async () => (await savedSettings()).framework).toBe('northmoor');
    expect((await savedSettings()).frameworkFiles).toEqual([expect.objectContaining({ name: 'northmoor.json', text: northmoor })]);
    await page.getByRole('button', { name: 'Validate' }).click();
    await page.getByText('Validated').waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Categorise' }).click();
    await page.getByText(/^Categorised \d+ of \d+ schools/).waitFor({ timeout: 30_000 });
    expect(String(await cell(1, tableWidth))).toMatch(/^(Universal|Monitor|Support|Intervene)/);
    const source = await page.evaluate(() => {
      const sheet = (window as unknown as { __double: { sheet(n: string): { value(r: number, c: number): unknown } } }).__double.sheet('Run log');
      const column = Array.from({ length: 30 }, (_, c) => String(sheet.value(0, c))).indexOf('Framework source');
      return String(sheet.value(1, column));
    });
    expect(source).toMatch(/^file northmoor\.json sha256 [0-9a-f]{64} \(northmoor 1\.0\.0\)$/);
  });

  it('compares a school whose suspension rate is typed as a percentage (12.4% is held as 0.124) under an authority\'s framework that reads it, as the rate it shows', async () => {
    // Northmoor with a suspension rate of 10 per 100 pupils or more beside low attendance, saved in the workbook.
    const definition = JSON.parse(readFileSync(join(ROOT, 'examples/frameworks/northmoor.json'), 'utf8')) as { id: string; name: string; criteria: { id: string; label: string; when: { any: unknown[] } }[] };
    definition.id = 'northmoor-suspensions';
    definition.name = 'Northmoor with suspensions';
    const attendance = definition.criteria.find((c) => c.id === 'low-attendance')!;
    attendance.label = 'Low attendance or high suspensions';
    attendance.when.any.push({ fact: 'suspensionRate', op: 'gte', value: 10 });
    workbookSettings = { 'schoolRisk.settings': JSON.stringify({ framework: 'northmoor-suspensions', mapping: {}, frameworkFiles: [{ name: 'northmoor-suspensions.json', sha256: '0', text: JSON.stringify(definition) }] }) };
    try {
      await page.reload();
      await page.getByRole('button', { name: 'Find register' }).waitFor();
      // A school Universal under Northmoor (the seventh) with good attendance and 12.4% typed in its suspension rate cell.
      const shown = await page.evaluate(() => {
        const sheet = (window as unknown as { __double: { sheet(n: string): { value(r: number, c: number): unknown; cell(r: number, c: number, make: boolean): { value: unknown; numberFormat?: string } } } }).__double.sheet('Register')!;
        const header = Array.from({ length: 80 }, (_, c) => String(sheet.value(0, c)));
        sheet.cell(7, header.indexOf('Attendance %'), true).value = 97;
        const rate = sheet.cell(7, header.indexOf('Suspension rate'), true);
        rate.value = 0.124;
        rate.numberFormat = '0.0%';
        return sheet.value(7, header.indexOf('URN'));
      });
      expect(shown).toBe(990043);
      await page.getByRole('button', { name: 'Find register' }).click();
      await page.getByText('Register found').waitFor();
      await selectRegisterCell(7, 1);
      await page.getByRole('button', { name: 'Compare selected school' }).click();
      const entry = page.locator('[data-framework="northmoor-suspensions"]');
      await entry.waitFor();
      expect(await entry.textContent()).toMatch(/Monitor.*Low attendance or high suspensions \(.*Suspension rate: 12\.4/);
      await screenshots('compare-suspension-rate', { from: '[data-framework="northmoor-suspensions"]' });
    } finally {
      workbookSettings = {};
      await page.reload();
    }
  });

  it('says a framework file saved in the workbook that no longer loads, and which framework it shows instead, when the workbook opens', async () => {
    // Saved by an earlier version that let a file take a built-in's id; this one refuses it.
    const northmoor = readFileSync(join(ROOT, 'examples/frameworks/northmoor.json'), 'utf8').replace('"id": "northmoor"', '"id": "oldham"');
    workbookSettings = { 'schoolRisk.settings': JSON.stringify({ framework: 'northmoor', mapping: {}, frameworkFiles: [{ name: 'northmoor.json', sha256: '0', text: northmoor }] }) };
    try {
      await page.reload();
      const notice = page.getByText(/The framework file saved in this workbook no longer loads: "northmoor\.json" \(id: "oldham" is a built-in framework's id/);
      await notice.waitFor();
      expect(await notice.textContent()).toMatch(/The pane shows Oxfordshire Improvement Guarantee instead of "northmoor", the framework saved in this workbook: choose the framework before you run\.$/);
      for (const width of [320, 450]) expect(existsSync(await screenshotAt(width, 'framework-file-not-loaded'))).toBe(true);
      await page.setViewportSize({ width: 320, height: 1000 });
    } finally {
      workbookSettings = {};
      await page.reload();
    }
  });

  it('fits 320 px and sends nothing off localhost but the intercepted Office.js request', async () => {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(320);
    expect(offsite).toEqual([]);
  });
});
