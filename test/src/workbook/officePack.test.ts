/**
 * One pack, two shells: the task pane writes, through the workbook port on the Excel double, the same SIG
 * summary and School profiles as the command line writes into its copy for the same register. Compared
 * cell by cell against the command line's file (read back with the product's reader and exceljs): values,
 * looks, column widths, how each sheet prints, page breaks, the charts and the cells they read. Then what
 * only the pane does: the trend over its own runs from the Run log, a profile on request, a pack in many
 * syncs, a host without ExcelApi 1.9.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { categoriseCommand } from '../../../src/cli/categorise';
import { MOVEMENT_TEXT, RESULT_HEADERS } from '../../../src/run/registerRun';
import { PROFILES_SHEET, profilesLayout, SUMMARY_SHEET, summaryLayout, type SheetLayout } from '../../../src/run/packSheets';
import { readRunLog, RUN_LOG_HEADERS, RUN_LOG_SHEET } from '../../../src/run/runLog';
import { profilePageOfRow } from '../../../src/run/taskpaneRun';
import { categoriseOnPort } from '../../support/wholeRun';
import { shownCell, type Cell, type GridValue } from '../../../src/workbook/cell';
import { createOfficePort } from '../../../src/workbook/office';
import { widthPoints } from '../../../src/workbook/officePack';
import { columnLetters } from '../../../src/workbook/port';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { ExcelDouble, type SheetModel } from '../../support/excelDouble';

const ASOF = fromIsoDate('2026-11-01')!;
const RAN_AT = new Date(Date.UTC(2026, 10, 1, 9));
const SAMPLE = 'examples/sample-register.xlsx';
const oxfordshire = frameworkById('oxfordshire')!;

let dir = '';
let sample: Cell[][] = [];
/** The command line's first run on the sample, and its second run on the first's output. */
const cli: { first: string; second: string } = { first: '', second: '' };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-pack-'));
  sample = (await readSheetGrid(SAMPLE)).values.map((r) => r.map(shownCell));
  cli.first = join(dir, 'first.xlsx');
  cli.second = join(dir, 'second.xlsx');
  const args = { framework: 'oxfordshire', asOf: ASOF, print: () => undefined, now: RAN_AT };
  await categoriseCommand({ ...args, register: SAMPLE, out: cli.first });
  await categoriseCommand({ ...args, register: cli.first, out: cli.second });
}, 120_000);

/** The sample register on a fresh double, and the pane's port over it. */
function paneOnSample(options: Parameters<typeof createOfficePort>[0] extends infer D ? Omit<Partial<D>, 'run'> : never = {}) {
  const double = new ExcelDouble();
  double.addSheet('Register', sample);
  const port = createOfficePort({ run: double.run, settings: double.settings, ...options });
  const run = async () => categoriseOnPort(port, await port.readRegister(), oxfordshire, ASOF, { ranAt: RAN_AT });
  return { double, port, run };
}

/** Every cell where the pane's sheet and the command line's grid differ, as "B7: pane … / cli …" (the cells `except` names left out). */
function differences(pane: SheetModel, cliGrid: readonly (readonly GridValue[])[], except: (row: number, col: number) => boolean = () => false): string[] {
  const used = pane.usedBox();
  const rows = Math.max(cliGrid.length, used ? used.bottom + 1 : 0);
  const cols = Math.max(0, ...cliGrid.map((r) => r.length), used ? used.right + 1 : 0);
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      if (except(r, c)) continue;
      const p = pane.value(r, c);
      const q = cliGrid[r]?.[c] ?? '';
      if (p !== q) out.push(`${columnLetters(c)}${r + 1}: pane ${JSON.stringify(p)} / cli ${JSON.stringify(q)}`);
    }
  }
  return out;
}

/** A cell's look in terms both shells share. */
type Look = { bold: boolean; size: number; colour: string | null; fill: string | null; wrap: boolean; top: boolean; numberFormat: string };

const argbHex = (argb: string | undefined) => (argb ? `#${argb.slice(2)}`.toUpperCase() : null);
const cliLook = (c: ExcelJS.Cell): Look => ({
  bold: c.font?.bold === true,
  size: c.font?.size ?? 11,
  colour: argbHex(c.font?.color?.argb),
  fill: (c.fill as ExcelJS.FillPattern | undefined)?.pattern === 'solid' ? argbHex((c.fill as ExcelJS.FillPattern).fgColor?.argb) : null,
  wrap: c.alignment?.wrapText === true,
  top: c.alignment?.vertical === 'top',
  numberFormat: c.numFmt || 'General',
});
const paneLook = (sheet: SheetModel, r: number, c: number): Look => {
  const m = sheet.cell(r, c);
  return { bold: m?.bold === true, size: m?.fontSize ?? 11, colour: m?.fontColour?.toUpperCase() ?? null, fill: m?.fill?.toUpperCase() ?? null, wrap: m?.wrap === true, top: m?.verticalAlignment === 'Top', numberFormat: m?.numberFormat ?? 'General' };
};

/** Every laid-out cell whose look differs between the two shells. */
function lookDifferences(pane: SheetModel, cliSheet: ExcelJS.Worksheet, layout: SheetLayout): string[] {
  const out: string[] = [];
  layout.rows.forEach((row, r) => row.forEach((cell, c) => {
    if (!cell) return;
    const p = paneLook(pane, r, c);
    const q = cliLook(cliSheet.getCell(r + 1, c + 1));
    if (JSON.stringify(p) !== JSON.stringify(q)) out.push(`${columnLetters(c)}${r + 1}: pane ${JSON.stringify(p)} / cli ${JSON.stringify(q)}`);
  }));
  return out;
}

/** The series of a chart part of the command line's copy: name cell, categories, values, colour, point colours. */
function chartPartSeries(xml: string): { name: string; categories: string; values: string; colour: string; points: string[] }[] {
  // As Excel gives an address: "A39", not "A39:A39".
  const ref = (s: string) => s.replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\$/g, '').replace(/!([A-Z]+\d+):\1$/, '!$1');
  return [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, ser]) => ({
    name: ref(/<c:tx><c:strRef><c:f>(.*?)<\/c:f>/.exec(ser!)![1]!),
    categories: ref(/<c:cat><c:strRef><c:f>(.*?)<\/c:f>/.exec(ser!)![1]!),
    values: ref(/<c:val><c:numRef><c:f>(.*?)<\/c:f>/.exec(ser!)![1]!),
    colour: `#${/<a:srgbClr val="([0-9A-F]{6})"/.exec(ser!)![1]}`,
    points: [...ser!.matchAll(/<c:dPt>[\s\S]*?<a:srgbClr val="([0-9A-F]{6})"/g)].map((m) => `#${m[1]}`),
  }));
}

describe('the task pane writes the same pack as the command line', () => {
  let double: ExcelDouble;
  let cliBook: ExcelJS.Workbook;
  let layouts: { summary: SheetLayout; profiles: SheetLayout };

  beforeAll(async () => {
    const pane = paneOnSample();
    const { pack, report } = await pane.run();
    expect(report).toMatchObject({ status: 'done', packWritten: true });
    double = pane.double;
    layouts = { summary: summaryLayout(pack), profiles: profilesLayout(pack) };
    cliBook = new ExcelJS.Workbook();
    await cliBook.xlsx.readFile(cli.first);
  }, 60_000);

  it('the SIG summary, cell by cell (but for the words naming where the register was read from)', async () => {
    const cliGrid = (await readSheetGrid(cli.first, SUMMARY_SHEET)).values;
    const pane = double.sheet(SUMMARY_SHEET)!;
    expect(differences(pane, cliGrid, (r, c) => r === 1 && c === 0)).toEqual([]);
    // The subtitle differs only in its source: the file for the command line, the sheet for the pane.
    const [paneSubtitle, cliSubtitle] = [String(pane.value(1, 0)), String(cliGrid[1]![0])];
    expect(paneSubtitle.slice(0, paneSubtitle.indexOf(' from '))).toBe(cliSubtitle.slice(0, cliSubtitle.indexOf(' from ')));
    expect(paneSubtitle).toMatch(/ from sheet "Register" \(Register!A1:[A-Z]+201\)\.$/);
    expect(cliGrid.length).toBeGreaterThan(40);
  });

  it('the School profiles, cell by cell', async () => {
    const cliGrid = (await readSheetGrid(cli.first, PROFILES_SHEET)).values;
    expect(cliGrid.length).toBeGreaterThan(1_000);
    expect(differences(double.sheet(PROFILES_SHEET)!, cliGrid)).toEqual([]);
  });

  it('each cell with the same look: bold, size, colours, category fills, wrap, alignment, number format', () => {
    for (const [name, layout] of [[SUMMARY_SHEET, layouts.summary], [PROFILES_SHEET, layouts.profiles]] as const) {
      expect(lookDifferences(double.sheet(name)!, cliBook.getWorksheet(name)!, layout), name).toEqual([]);
    }
    // The looks are there at all: the category fills of the summary's counts, a profile's bold title.
    const summary = double.sheet(SUMMARY_SHEET)!;
    const universal = layouts.summary.rows.findIndex((r) => r[0]?.value === 'Universal');
    expect(summary.cell(universal, 0)).toMatchObject({ fill: expect.stringMatching(/^#[0-9A-F]{6}$/i), bold: true });
    expect(double.sheet(PROFILES_SHEET)!.cell(0, 0)).toMatchObject({ bold: true, fontSize: 14 });
  });

  it('the same column widths, and rows as tall as their wrapped text', () => {
    for (const name of [SUMMARY_SHEET, PROFILES_SHEET]) {
      const cliSheet = cliBook.getWorksheet(name)!;
      const pane = double.sheet(name)!;
      const widths = (name === SUMMARY_SHEET ? layouts.summary : layouts.profiles).widths;
      expect(widths.map((_, i) => pane.columnWidths.get(i)), name).toEqual(widths.map((_, i) => widthPoints(cliSheet.getColumn(i + 1).width!)));
    }
    // Every row the command line made taller for its wrapped text, Excel's autofit makes taller in the pane.
    const cliProfiles = cliBook.getWorksheet(PROFILES_SHEET)!;
    const pane = double.sheet(PROFILES_SHEET)!;
    const tall: number[] = [];
    cliProfiles.eachRow((row, n) => void ((row.height ?? 15) > 15 && tall.push(n - 1)));
    expect(tall.length).toBeGreaterThan(50);
    expect(tall.filter((r) => pane.rowHeight(r) <= 15)).toEqual([]);
  });

  it('prints as the command line\'s: A4 landscape, the summary on one page, a profile a page at the same scale, the same header and footer', () => {
    for (const name of [SUMMARY_SHEET, PROFILES_SHEET, RUN_LOG_SHEET]) {
      const setup = cliBook.getWorksheet(name)!.pageSetup;
      const page = double.sheet(name)!.pageLayout;
      expect(page.orientation.toLowerCase(), name).toBe(setup.orientation);
      expect(page.paperSize, name).toBe(setup.paperSize === 9 ? 'A4' : String(setup.paperSize));
      const hf = cliBook.getWorksheet(name)!.headerFooter;
      expect(`&L${page.header.left}`, name).toBe(hf.oddHeader);
      expect(`&L${page.footer.left}&R${page.footer.right}`, name).toBe(hf.oddFooter);
    }
    expect(double.sheet(SUMMARY_SHEET)!.pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 1 });
    const scale = cliBook.getWorksheet(PROFILES_SHEET)!.pageSetup.scale;
    expect(double.sheet(PROFILES_SHEET)!.pageLayout.zoom).toEqual({ scale });
    expect(double.sheet(RUN_LOG_SHEET)!.pageLayout).toMatchObject({ zoom: { horizontalFitToPages: 1, verticalFitToPages: 0 }, printTitleRows: '$1:$1' });
  });

  it('a page break before each profile but the first, where the command line puts them', async () => {
    const zip = await JSZip.loadAsync(readFileSync(cli.first));
    const parts = await Promise.all(Object.keys(zip.files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).map((f) => zip.file(f)!.async('string')));
    const cliBreaks = parts.flatMap((x) => [...x.matchAll(/<brk id="(\d+)"/g)].map((m) => Number(m[1])));
    expect(layouts.profiles.pageBreaks.length).toBeGreaterThan(10);
    expect(double.sheet(PROFILES_SHEET)!.pageBreaks).toEqual(layouts.profiles.pageBreaks);
    expect(double.sheet(PROFILES_SHEET)!.pageBreaks).toEqual(cliBreaks);
  });

  it('two charts reading the same cells as the command line\'s, in the same colours, over the same cells', async () => {
    const zip = await JSZip.loadAsync(readFileSync(cli.first));
    const cliCharts = await Promise.all(['xl/charts/chart1.xml', 'xl/charts/chart2.xml'].map(async (f) => chartPartSeries(await zip.file(f)!.async('string'))));
    const summary = double.sheet(SUMMARY_SHEET)!;
    const cliGrid = (await readSheetGrid(cli.first, SUMMARY_SHEET)).values;
    const valueAt = (ref: string) => {
      const m = /!([A-Z]+)(\d+)$/.exec(ref)!;
      return cliGrid[Number(m[2]) - 1]![[...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1];
    };
    expect(summary.charts.map((c) => c.type)).toEqual(['ColumnClustered', 'LineMarkers']);
    summary.charts.forEach((chart, i) => {
      const want = cliCharts[i]!;
      expect(chart.series.map((s) => [s.name, s.categories, s.values, s.colour?.toUpperCase()])).toEqual(want.map((s) => [valueAt(s.name), s.categories, s.values, s.colour]));
      expect(chart.title).toBe(layouts.summary.charts[i]!.title);
      const { from, to } = layouts.summary.charts[i]!;
      expect(chart.position).toEqual([`${columnLetters(from.col)}${from.row + 1}`, `${columnLetters(to.col - 1)}${to.row}`]);
    });
    // Each bar in its category's colour; a legend only for the lines.
    expect(summary.charts[0]!.series[0]!.points.map((p) => p.fill?.toUpperCase())).toEqual(cliCharts[0]![0]!.points);
    expect(summary.charts.map((c) => c.legendVisible)).toEqual([false, true]);
    expect(summary.charts[1]!.series.map((s) => s.marker)).toEqual(summary.charts[1]!.series.map((s) => ({ style: 'Circle', fill: s.colour, outline: '#404040' })));
  });
});

describe('the trend over the pane\'s runs', () => {
  it('a second run reads the first from the Run log: the same summary as the command line\'s second run, two runs in the trend, no false "New"', async () => {
    const { double, run } = paneOnSample();
    await run();
    const { pack, report } = await run();
    expect(report.status).toBe('done');
    expect(pack.trend.runs).toHaveLength(2);
    expect(pack.trend.runs[0]!.counts).toEqual(pack.trend.runs[1]!.counts);
    expect(pack.movements.totals.find((t) => t.label === MOVEMENT_TEXT.new)!.schools).toBe(0);
    const summary = double.sheet(SUMMARY_SHEET)!;
    expect(differences(summary, (await readSheetGrid(cli.second, SUMMARY_SHEET)).values, (r, c) => r === 1 && c === 0)).toEqual([]);
    // The trend's line chart reads both runs.
    const line = summary.charts[1]!;
    expect(line.series[0]!.values).toMatch(/^'SIG summary'!B(\d+):B(\d+)$/);
    const [, a, b] = /B(\d+):B(\d+)$/.exec(line.series[0]!.values)!;
    expect(Number(b) - Number(a)).toBe(1);
    // No school is "New to the register": each was in the first run.
    const register = double.sheet('Register')!;
    const movement = sample[0]!.length + RESULT_HEADERS.indexOf('Movement');
    expect(sample.slice(1).map((_, i) => register.value(i + 1, movement))).not.toContain(MOVEMENT_TEXT.new);
  });

  it('the Run log gets a row per run below its header, and reads back as the command line\'s does', async () => {
    const { double, run } = paneOnSample();
    await run();
    await run();
    await run();
    const log = double.sheet(RUN_LOG_SHEET)!;
    const grid = log.grid(log.usedBox()!);
    expect(grid).toHaveLength(4);
    expect(grid[0]).toEqual([...RUN_LOG_HEADERS]);
    expect(readRunLog(grid).map((e) => e.frameworkId)).toEqual(['oxfordshire', 'oxfordshire', 'oxfordshire']);
    // The same row as the command line's first run, but for where the register was read from.
    const cliLog = (await readSheetGrid(cli.first, RUN_LOG_SHEET)).values;
    const source = RUN_LOG_HEADERS.indexOf('Source');
    expect(grid[1]!.filter((_, i) => i !== source)).toEqual(cliLog[1]!.filter((_, i) => i !== source));
    expect(log.cell(0, 0)).toMatchObject({ bold: true });
    // Each run's row wraps in its columns and is as tall as its text (the columns not in the register), as the command line's.
    const notIn = RUN_LOG_HEADERS.indexOf('Not in this register');
    expect(String(grid[3]![notIn]).length).toBeGreaterThan(100);
    expect(log.cell(3, notIn)).toMatchObject({ wrap: true });
    expect(log.rowHeight(3)).toBeGreaterThan(45);
  });

  it('an older Run log of the pane\'s (before the Counts column) gets today\'s headers, so later runs read its counts back', async () => {
    const { double, run } = paneOnSample();
    const old = RUN_LOG_HEADERS.slice(0, 13);
    double.addSheet(RUN_LOG_SHEET, [[...old], ['2026-06-01T09:00:00.000Z', 'Oxfordshire Improvement Guarantee (oxfordshire)', '1.1.0', '01/06/2026', 'sheet "Register"', 200, 200, 0, 0, 0, '', '0', '']]);
    await run();
    const { pack } = await run();
    const log = double.sheet(RUN_LOG_SHEET)!;
    expect(log.grid({ top: 0, left: 0, bottom: 0, right: RUN_LOG_HEADERS.length - 1 })[0]).toEqual([...RUN_LOG_HEADERS]);
    expect(log.usedBox()!.bottom).toBe(3);
    // The old row has no counts, so the trend has this run and the one before it.
    expect(pack.trend.runs).toHaveLength(2);
  });
});

describe('a pack larger than a request', () => {
  it('goes in chunks of rows, each request within the budget, the same cells as in one', async () => {
    const budget = 60_000;
    const small = paneOnSample({ budgetBytes: budget });
    const { report } = await small.run();
    expect(report).toMatchObject({ status: 'done', packWritten: true });
    const whole = paneOnSample();
    await whole.run();
    expect(small.double.syncs).toBeGreaterThan(whole.double.syncs + 3);
    // Planned at the budget; the double measures less than the plan, which allows for Office.js's own framing.
    expect(small.double.maxRequestBytes).toBeLessThanOrEqual(budget);
    for (const name of [SUMMARY_SHEET, PROFILES_SHEET]) {
      const a = small.double.sheet(name)!;
      const b = whole.double.sheet(name)!;
      expect(a.grid(a.usedBox()!), name).toEqual(b.grid(b.usedBox()!));
      expect(a.pageBreaks, name).toEqual(b.pageBreaks);
      expect([...a.rowHeights], name).toEqual([...b.rowHeights]);
      expect(JSON.stringify([...a.cells.values()].map((c) => [c.bold, c.fill, c.wrap, c.fontSize, c.verticalAlignment])), name).toBe(JSON.stringify([...b.cells.values()].map((c) => [c.bold, c.fill, c.wrap, c.fontSize, c.verticalAlignment])));
    }
  });

  it('a failed sync in the pack says which sheets are not written, after every row is', async () => {
    const dry = paneOnSample({ budgetBytes: 60_000 });
    await dry.run();
    // The last sync carries the Run log row.
    const { double, run } = paneOnSample({ budgetBytes: 60_000 });
    double.failure = { sync: dry.double.syncs, atCommand: 0 };
    const { report } = await run();
    expect(report.status).toBe('failed');
    expect(report.rowsDone).toBe(report.totalRows);
    expect(report.packWritten).toBe(false);
    expect(report.error).toMatch(/^Every row is written, but not the .*Run log sheets?: /);
  });
});

describe('a host without ExcelApi 1.9', () => {
  it('writes the pack without its print settings and says so', async () => {
    const { double, run } = paneOnSample({ support: { pageLayout: false } });
    const { report } = await run();
    expect(report).toMatchObject({ status: 'done', packWritten: true });
    expect(report.notes.join(' ')).toMatch(/cannot set how the SIG pack prints \(ExcelApi 1\.9\)/);
    expect(double.sheet(SUMMARY_SHEET)!.pageLayout).toMatchObject({ orientation: 'Portrait', paperSize: 'Letter', zoom: { scale: 100 } });
    expect(double.sheet(PROFILES_SHEET)!.pageBreaks).toEqual([]);
    expect(double.sheet(PROFILES_SHEET)!.value(0, 0)).not.toBe('');
  });
});

/** The sheet row of the first school in a category (by its Category cell). */
const rowOf = (double: ExcelDouble, label: string) => {
  const category = sample[0]!.length;
  return sample.findIndex((_, i) => i > 0 && String(double.sheet('Register')!.value(i, category)).startsWith(label));
};

describe('the profile of the selected school', () => {
  it('adds a page after the pack\'s own, with a page break, laid out as the pack lays profiles out; asked again, selects it', async () => {
    const { double, port, run } = paneOnSample();
    await run();
    const sheet = double.sheet(PROFILES_SHEET)!;
    const end = sheet.usedBox()!.bottom + 1;
    const breaks = [...sheet.pageBreaks];
    const row = rowOf(double, 'Universal');
    const page = profilePageOfRow(await port.readRegister(), row, oxfordshire, ASOF, { ranAt: RAN_AT })!;
    expect(page.layout!.rows[2]![1]).toMatchObject({ value: expect.stringMatching(/^Universal/) });
    const report = await port.addProfilePage(page.layout!);
    expect(report).toMatchObject({ status: 'added', sheet: PROFILES_SHEET, row: end });
    const want = page.layout!.rows.map((r) => Array.from({ length: 4 }, (_, k) => r[k]?.value ?? ''));
    expect(sheet.grid({ top: end, left: 0, bottom: end + want.length - 1, right: 3 })).toEqual(want);
    expect(sheet.pageBreaks).toEqual([...breaks, end]);
    expect(double.selection).toEqual({ sheet: PROFILES_SHEET, box: { top: end, left: 0, bottom: end, right: 0 } });
    expect(double.active).toBe(PROFILES_SHEET);
    // Asked again: found, not added.
    const again = await port.addProfilePage(page.layout!);
    expect(again).toMatchObject({ status: 'found', row: end });
    expect(sheet.usedBox()!.bottom).toBe(end + want.length - 1);
  });

  it('a school of concern has its page in the pack already: that page is selected', async () => {
    const { port, run } = paneOnSample();
    const { pack } = await run();
    const region = await port.readRegister();
    const first = pack.profiles[0]!;
    const row = region.values.findIndex((r) => r.includes(first.urn) || r.includes(Number(first.urn)));
    const page = profilePageOfRow(region, row, oxfordshire, ASOF, { ranAt: RAN_AT })!;
    expect(await port.addProfilePage(page.layout!)).toMatchObject({ status: 'found', row: 0 });
  });

  it('before any run: the sheet is made, set to print as the pack\'s profiles do', async () => {
    const { double, port } = paneOnSample();
    const region = await port.readRegister();
    const page = profilePageOfRow(region, 5, oxfordshire, ASOF, { ranAt: RAN_AT })!;
    expect(await port.addProfilePage(page.layout!)).toMatchObject({ status: 'added', row: 0 });
    const sheet = double.sheet(PROFILES_SHEET)!;
    expect(sheet.value(0, 0)).toBe(page.school);
    expect(sheet.pageLayout).toMatchObject({ orientation: 'Landscape', paperSize: 'A4', zoom: { scale: expect.any(Number) } });
    expect(sheet.pageBreaks).toEqual([]);
  });

  it('a row that is not a school\'s, and a school with no category, have no page', async () => {
    const grid = sample.map((r) => [...r]);
    const grade = grid[0]!.findIndex((h) => /ofsted.*grade|grade/i.test(String(h)));
    grid[3]![grade] = 'Excellent';
    const double = new ExcelDouble();
    double.addSheet('Register', grid);
    const port = createOfficePort({ run: double.run });
    const region = await port.readRegister();
    expect(profilePageOfRow(region, 0, oxfordshire, ASOF)).toBeNull();
    const none = profilePageOfRow(region, 3, oxfordshire, ASOF)!;
    expect(none.layout).toBeNull();
    expect(none.problems.length).toBeGreaterThan(0);
  });
});

describe('the Excel double, as Excel does it', () => {
  const onDouble = async (grid: Cell[][], batch: (ws: Excel.Worksheet) => void) => {
    const double = new ExcelDouble();
    const sheet = double.addSheet('S', grid);
    await double.run(async (ctx) => {
      batch(ctx.workbook.worksheets.getItem('S'));
      await ctx.sync();
    });
    return sheet;
  };

  it('a chart reads its series from the cells when it is made: names from a row of text, categories from a column of text', async () => {
    const sheet = await onDouble([['Category', 'Schools', 'Provisional'], ['Green', 3, 0], ['Red', 2, 1]], (ws) => {
      ws.charts.add('ColumnClustered', ws.getRange('A1:C3'), 'Columns');
      ws.charts.add('Line', ws.getRange('B2:C3'), 'Columns');
    });
    expect(sheet.charts[0]!.series.map((s) => [s.name, s.categories, s.values])).toEqual([['Schools', 'S!A2:A3', 'S!B2:B3'], ['Provisional', 'S!A2:A3', 'S!C2:C3']]);
    // Numbers only: every column is a series of data, named by Excel.
    expect(sheet.charts[1]!.series.map((s) => [s.name, s.categories])).toEqual([['Series1', null], ['Series2', null]]);
  });

  it('a point past the series\' last, and a zoom with a scale and pages to fit, are refused', async () => {
    await expect(onDouble([['C', 'N'], ['a', 1]], (ws) => {
      ws.charts.add('ColumnClustered', ws.getRange('A1:B2'), 'Columns').series.getItemAt(0).points.getItemAt(1).format.fill.setSolidColor('#FF0000');
    })).rejects.toMatchObject({ code: 'ItemNotFound' });
    await expect(onDouble([], (ws) => void (ws.pageLayout.zoom = { scale: 50, horizontalFitToPages: 1 }))).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('autofit sizes rows to the wrapped text they hold when it applies, not to text written after', async () => {
    const long = 'word '.repeat(60);
    const sheet = await onDouble([], (ws) => {
      ws.getRange('A1').format.autofitRows();
      ws.getRange('A1:A2').values = [[long], [long]];
      ws.getRange('A1:A2').format.wrapText = true;
      ws.getRange('A2').format.autofitRows();
    });
    expect(sheet.rowHeight(0)).toBe(15);
    expect(sheet.rowHeight(1)).toBeGreaterThan(60);
  });

  it('getRanges formats every area of an address list; a list past 8,192 characters is refused', async () => {
    const sheet = await onDouble([], (ws) => void (ws.getRanges('A1:B1,D3').format.font.bold = true));
    expect([sheet.cell(0, 0)?.bold, sheet.cell(0, 1)?.bold, sheet.cell(2, 3)?.bold, sheet.cell(1, 0)?.bold]).toEqual([true, true, true, undefined]);
    const areas = Array.from({ length: 2_000 }, (_, i) => `A${i * 2 + 1}`).join(',');
    await expect(onDouble([], (ws) => void (ws.getRanges(areas).format.font.bold = true))).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('the pane never replaces or writes into an analyst\'s sheet that happens to have a pack sheet\'s name', () => {
  it('keeps the analyst\'s "SIG summary" and "Run log" as they were, writes ours beside them as "(2)", and a second run replaces only ours', async () => {
    const pane = paneOnSample();
    const theirs = [['My SIG notes for the autumn'], ['Chair: call the head of Brook Academy']];
    const theirLog = [['Date', 'Who', 'What'], ['01/09/2026', 'AB', 'Visited']];
    pane.double.addSheet(SUMMARY_SHEET, theirs);
    pane.double.addSheet(RUN_LOG_SHEET, theirLog);
    for (let run = 0; run < 2; run++) {
      const { report } = await pane.run();
      expect(report).toMatchObject({ status: 'done', packWritten: true });
      expect([0, 1].map((r) => pane.double.sheet(SUMMARY_SHEET)!.value(r, 0))).toEqual(theirs.map((r) => r[0]));
      expect([0, 1].map((r) => [0, 1, 2].map((c) => pane.double.sheet(RUN_LOG_SHEET)!.value(r, c)))).toEqual(theirLog);
      expect(String(pane.double.sheet(`${SUMMARY_SHEET} (2)`)!.value(0, 0))).toMatch(/: SIG summary$/);
      // Our own School profiles (no sheet of the analyst's has its name) are replaced in place.
      expect(String(pane.double.sheet(PROFILES_SHEET)!.value(1, 0))).toMatch(/^URN /);
    }
  }, 120_000);

  it('adds the selected school\'s profile to our School profiles, not to an analyst\'s sheet of that name', async () => {
    const pane = paneOnSample();
    const theirs = [['Notes on profiles'], ['Keep this']];
    pane.double.addSheet(PROFILES_SHEET, theirs);
    await pane.run();
    const row = rowOf(pane.double, 'Universal');
    const page = profilePageOfRow(await pane.port.readRegister(), row, oxfordshire, ASOF, { ranAt: RAN_AT })!;
    expect(page.layout!.name).toBe(`${PROFILES_SHEET} (2)`);
    expect(await pane.port.addProfilePage(page.layout!)).toMatchObject({ status: 'added', sheet: `${PROFILES_SHEET} (2)` });
    const analyst = pane.double.sheet(PROFILES_SHEET)!;
    expect(analyst.grid(analyst.usedBox()!)).toEqual(theirs);
  }, 120_000);
});

describe('the command line never replaces an analyst\'s sheet that happens to have a pack sheet\'s name', () => {
  it('keeps the analyst\'s "SIG summary" through two runs, writing ours as "SIG summary (2)" both times', async () => {
    const input = join(dir, 'theirs.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(SAMPLE);
    const theirs = book.addWorksheet(SUMMARY_SHEET);
    theirs.getCell('A1').value = 'My SIG notes for the autumn';
    theirs.getCell('A2').value = 'Chair: call the head of Brook Academy';
    await book.xlsx.writeFile(input);
    const first = join(dir, 'theirs-1.xlsx');
    const second = join(dir, 'theirs-2.xlsx');
    const args = { framework: 'oxfordshire', asOf: ASOF, print: () => undefined, now: RAN_AT };
    await categoriseCommand({ ...args, register: input, out: first });
    await categoriseCommand({ ...args, register: first, out: second });
    for (const file of [first, second]) {
      const out = new ExcelJS.Workbook();
      await out.xlsx.readFile(file);
      expect([1, 2].map((r) => out.getWorksheet(SUMMARY_SHEET)!.getCell(`A${r}`).value), file).toEqual(['My SIG notes for the autumn', 'Chair: call the head of Brook Academy']);
      expect(String(out.getWorksheet(`${SUMMARY_SHEET} (2)`)!.getCell('A1').value)).toMatch(/: SIG summary$/);
      expect(out.worksheets.map((w) => w.name).filter((n) => n.startsWith(SUMMARY_SHEET))).toEqual([SUMMARY_SHEET, `${SUMMARY_SHEET} (2)`]);
    }
  }, 120_000);
});
