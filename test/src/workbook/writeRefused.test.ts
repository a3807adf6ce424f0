/**
 * A write refused for its size. The budget is planned from Office.js's measured requests
 * (officeJsRequests.test.ts), but the host's own count is not in Office.js: if it counts more, the
 * request is refused before anything is applied, and the rows go again in halves rather than the run
 * failing. Here the double's limit is lowered to 1 MB, so the run's chunks of rows and its SIG pack's
 * syncs, planned to the usual budget, are refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { englandRegister } from '../../../bench/englandRegister';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { PROBLEMS_MARKER_ID, problemsLayout } from '../../../src/run/problemsSheet';
import { applyRefresh, officialFromBytes, previewRefresh } from '../../../src/run/taskpaneRefresh';
import { runOnPort } from '../../../src/run/taskpaneRun';
import { shownCell } from '../../../src/workbook/cell';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { createOfficePort } from '../../../src/workbook/office';
import { halveChunk, type WorkbookPort } from '../../../src/workbook/port';
import { ExcelDouble } from '../../support/excelDouble';

const ASOF = fromIsoDate('2026-11-01')!;
const RAN_AT = new Date(Date.UTC(2026, 10, 1));
const { header, rows } = englandRegister(3_000);

function setUp(limitBytes?: number) {
  const double = new ExcelDouble();
  if (limitBytes) double.requestLimitBytes = double.responseLimitBytes = limitBytes;
  double.addSheet('Register', [header, ...rows]);
  const port = createOfficePort({ run: double.run, settings: double.settings });
  return { double, port };
}

/** No rows riding on the read: the run's own write carries every row. */
const ownWriteOnly = (port: WorkbookPort): WorkbookPort => ({ ...port, readRegister: (control) => port.readRegister({ ...control, headWriter: undefined }) });

const workbook = (double: ExcelDouble) => double.sheets.map((s) => ({ name: s.name, cells: s.snapshot(), names: s.names, tables: s.tables, frozen: s.frozen }));

describe('halveChunk', () => {
  it('splits a chunk of rows at its middle, in place and in order; a single row cannot be split', () => {
    const chunks: [number, number][] = [[0, 4], [4, 9], [9, 10]];
    expect(halveChunk(chunks, 1)).toBe(true);
    expect(chunks).toEqual([[0, 4], [4, 7], [7, 9], [9, 10]]);
    expect(halveChunk(chunks, 3)).toBe(false);
    expect(chunks).toEqual([[0, 4], [4, 7], [7, 9], [9, 10]]);
  });
});

describe('a write the host refuses as too large', () => {
  it('is written again in halves: the run ends done, its workbook the one a run within the limit leaves', async () => {
    const fw = frameworkById('southwark')!;
    const over = setUp(1_000_000);
    const progress: { rows: number; syncs: number; of: number }[] = [];
    const run = await runOnPort(ownWriteOnly(over.port), fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: async () => {}, onProgress: (p) => void (p.phase === 'writing' && p.rows && progress.push({ rows: p.rows.done, syncs: p.done, of: p.total })) });
    expect(run.status).toBe('done');
    expect(run.report!.rowsDone).toBe(rows.length);
    // Rows and the pack's sheets were refused (a refused request is counted, then nothing of it applied).
    const refused = over.double.requestBytes.map((b, i) => [b, over.double.operations[i]!] as const).filter(([b]) => b > 1_000_000);
    expect(refused.some(([, ops]) => ops.includes('values') && ops.includes('addName'))).toBe(true);
    expect(refused.some(([, ops]) => ops.includes('addSheet'))).toBe(true);
    // Progress moves on only with rows confirmed, to every row, and never says more syncs done than it will take.
    expect(progress.at(-1)!.rows).toBe(rows.length);
    progress.forEach((p, i) => {
      expect(p.rows).toBeGreaterThanOrEqual(progress[i - 1]?.rows ?? 0);
      expect(p.syncs).toBeLessThanOrEqual(p.of);
    });

    const within = setUp();
    const plain = await runOnPort(ownWriteOnly(within.port), fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: async () => {} });
    expect(plain.status).toBe('done');
    expect(workbook(over.double)).toEqual(workbook(within.double));
  }, 60_000);

  it('a single row too large still fails, saying which rows are not confirmed', async () => {
    const long = 'x'.repeat(100);
    const double = new ExcelDouble();
    double.addSheet('Register', [header, ...rows.slice(0, 3).map((r) => r.map((v, i) => (i === 1 ? `${v} ${long}` : v)))]);
    // A budget of one byte: every chunk is one row, and the double refuses every request.
    const port = createOfficePort({ run: double.run, settings: double.settings, budgetBytes: 1 });
    const realSync = double.sync.bind(double);
    double.sync = async (commands, loads) => {
      if (commands.some((c) => (c.payload as { op?: string }).op === 'values')) {
        double.syncs++;
        throw Object.assign(new Error('The request payload size has exceeded the limit.'), { code: 'RequestPayloadSizeLimitExceeded' });
      }
      return realSync(commands, loads);
    };
    const run = await runOnPort(ownWriteOnly(port), frameworkById('oxfordshire')!, ASOF, { ranAt: RAN_AT, runId: 'run', pause: async () => {} });
    expect(run.report?.status).toBe('failed');
    expect(run.report?.error).toMatch(/exceeded the limit.*\(rows 2 to 2 not confirmed\)/);
  });
});

describe('the other writes refused once for their size go again in halves, to the same workbook', () => {
  /** The same write on two doubles, the second refusing the syncs `refuse` counts from its start: both workbooks, and the syncs each took. */
  async function twice<T>(make: () => Promise<{ double: ExcelDouble; write: () => Promise<T> }>, refuse: number[]) {
    const plain = await make();
    const before = plain.double.syncs;
    const plainReport = await plain.write();
    const refused = await make();
    const from = refused.double.syncs;
    for (const k of refuse) refused.double.refusedAsTooLarge.add(from + k);
    const report = await refused.write();
    return { plainReport, report, plain: workbook(plain.double), refused: workbook(refused.double), plainSyncs: plain.double.syncs - before, refusedSyncs: refused.double.syncs - from };
  }

  it('the Problems sheet of a country (its first write sync refused, then the next)', async () => {
    const problems = Array.from({ length: 60_000 }, (_, i) => ({ severity: 'error' as const, row: i + 2, column: 'Inspection date', value: `31/02/20${i % 100}`, expected: 'a date (dd/mm/yyyy)', message: `Row ${i + 2}, column "Inspection date": not a date`, cell: null }));
    const r = await twice(async () => {
      const double = new ExcelDouble();
      double.addSheet('Register', [header, ...rows.slice(0, 10)]);
      const port = createOfficePort({ run: double.run, settings: double.settings });
      return { double, write: () => port.writeOwnSheet(problemsLayout(problems, 'heading'), PROBLEMS_MARKER_ID) };
    }, [2, 3]);
    expect(r.report).toEqual(r.plainReport);
    expect(r.report).toMatchObject({ status: 'done', rows: 60_001 });
    expect(r.refused).toEqual(r.plain);
    // Each refused sync, and each split's second sync.
    expect(r.refusedSyncs).toBe(r.plainSyncs + 4);
  }, 60_000);

  it('a refresh: its changed cells\' sync refused, then its Changes sheet\'s', async () => {
    const register = (await readSheetGrid('examples/sample-register.xlsx')).values.map((row) => row.map(shownCell));
    const mi = officialFromBytes('ofsted-mi-sample.csv', readFileSync('examples/ofsted-mi-sample.csv')).file;
    const gias = officialFromBytes('gias-sample.csv', readFileSync('examples/gias-sample.csv')).file;
    const options = { asOf: ASOF, la: '999' };
    // Apply reads in three syncs; the fourth writes the cells (refused: they go in the fifth and sixth), the seventh the sheets (refused too).
    const r = await twice(async () => {
      const double = new ExcelDouble();
      double.addSheet('Register', register);
      double.selection = { sheet: 'Register', box: { top: 2, left: 1, bottom: 2, right: 1 } };
      const port = createOfficePort({ run: double.run, settings: double.settings });
      const preview = await previewRefresh(port, mi, gias, options);
      return { double, write: () => applyRefresh(port, preview, mi, gias, options) };
    }, [4, 7]);
    expect(r.report).toEqual(r.plainReport);
    expect(r.report).toMatchObject({ status: 'written', report: { status: 'done', cellsDone: 53, sheetsWritten: true } });
    expect(r.refused).toEqual(r.plain);
    expect(r.refusedSyncs).toBe(r.plainSyncs + 4);
  });
});
