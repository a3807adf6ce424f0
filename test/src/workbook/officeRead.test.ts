/**
 * Reading the register for a run (src/workbook/officeRead.ts): past its first rows, only the columns the
 * run needs (src/run/taskpaneRun.ts `columnsForRun`), so a country's register comes back in fewer
 * responses; what the run writes is what a whole read gives; a cell not read is never a place for results.
 */
import { describe, expect, it } from 'vitest';
import { englandRegister } from '../../../bench/englandRegister';
import { fromIsoDate } from '../../../core/dates';
import { allFrameworks } from '../../../core/frameworks';
import { placementOptions } from '../../../src/run/paneBlock';
import { RESULT_HEADERS, runFieldsFor } from '../../../src/run/registerRun';
import { runOnPort } from '../../../src/run/taskpaneRun';
import { categoriseOnPort } from '../../support/wholeRun';
import { shownCell, type Cell } from '../../../src/workbook/cell';
import { createOfficePort } from '../../../src/workbook/office';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { REQUEST_LIMIT_BYTES, valuesAsSeen, type RegisterRegion } from '../../../src/workbook/port';
import { RUN_COLUMNS_ONLY, runNotice } from '../../../taskpane/runNotice';
import { ExcelDouble, runOnDouble } from '../../support/excelDouble';
import { PRODUCER_REGISTERS } from '../../support/producerFixtures';

const ASOF = fromIsoDate('2026-11-01')!;
const RAN_AT = new Date(Date.UTC(2026, 10, 1));
const immediately = () => Promise.resolve();
const PROBLEMS = RESULT_HEADERS.indexOf('Problems');

function setUp(grid: readonly (readonly Cell[])[], readBudgetBytes?: number) {
  const double = new ExcelDouble();
  const sheet = double.addSheet('Register', grid);
  const port = createOfficePort({ run: double.run, settings: double.settings, ...(readBudgetBytes ? { readBudgetBytes } : {}) });
  return { double, sheet, port };
}

describe('a run reads only the columns it needs past its first rows', () => {
  const { header, rows } = englandRegister(3_000);

  it.each(allFrameworks().map((fw) => [fw.definition.id, fw] as const))('%s: the same results, pack and Run log row as from the whole register', async (_id, fw) => {
    // A small read budget: the register comes in many chunks, all but the first in the run's columns only.
    const part = setUp([header, ...rows], 150_000);
    const run = await runOnPort(part.port, fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: immediately });
    expect(run.status).toBe('done');
    // The pane says its list has the problems of the columns the run read.
    expect(runNotice(run).text).toContain(RUN_COLUMNS_ONLY);
    const partial = run.region!.partial!;
    expect(partial.fromRow).toBeGreaterThan(1);
    expect(partial.columns.length).toBeLessThan(header.length);
    // Every column of a field the run reads or shows is read.
    const read = new Set(partial.columns);
    for (const f of runFieldsFor(fw)) {
      const c = run.plan!.located.mapping.byField[f];
      if (c !== undefined) expect(read.has(c), f).toBe(true);
    }

    const whole = setUp([header, ...rows]);
    const region = await whole.port.readRegister();
    expect(region.partial).toBeUndefined();
    const { plan } = await categoriseOnPort(whole.port, region, fw, ASOF, { ranAt: RAN_AT, runId: 'run' });
    expect(run.plan!.placement.columns).toEqual(plan.placement.columns);
    expect(run.write!.block.fills).toEqual(plan.rows.map((r) => r.fill));
    // Every cell but Problems is the same; a problem only the whole read finds is a warning about a column the run does not read.
    const wanted = new Set<string>(runFieldsFor(fw));
    run.plan!.rows.forEach((r, i) => {
      const w = plan.rows[i]!;
      expect(r.cells.filter((_, k) => k !== PROBLEMS), `row ${r.gridRow}`).toEqual(w.cells.filter((_, k) => k !== PROBLEMS));
      const kept = new Set(r.outcome.problems.map((p) => p.message));
      for (const p of w.outcome.problems.filter((x) => !kept.has(x.message))) {
        expect(p.severity).toBe('warning');
        expect(p.field === undefined || !wanted.has(p.field), p.message).toBe(true);
      }
    });
    // The sheets the run writes: the same cells on the Register, the SIG summary, the profiles and the Run log.
    for (const name of ['Register', ...run.write!.pack.map((l) => l.name)]) {
      const a = part.double.sheet(name)!.grid({ top: 0, left: 0, bottom: 3_100, right: 90 });
      const b = whole.double.sheet(name)!.grid({ top: 0, left: 0, bottom: 3_100, right: 90 });
      if (name === 'Register') expect(a.map((r) => r.filter((_, c) => c !== run.write!.block.columns[PROBLEMS]))).toEqual(b.map((r) => r.filter((_, c) => c !== run.write!.block.columns[PROBLEMS])));
      else expect(a, name).toEqual(b);
    }
    expect(part.double.sheet('Run log')!.grid({ top: 0, left: 0, bottom: 3, right: 30 })).toEqual(whole.double.sheet('Run log')!.grid({ top: 0, left: 0, bottom: 3, right: 30 }));
  }, 60_000);

  it('a merged area covering a column the run reads is read from its top-left cell, as a whole read sees it', async () => {
    const oxfordshire = allFrameworks().find((f) => f.definition.id === 'oxfordshire')!;
    const merged = (budget?: number) => {
      const s = setUp([header, ...rows], budget);
      // LAESTAB (not a column the run needs) merged over the school's name, far below the first read.
      s.sheet.merge('B2001:C2001');
      return s;
    };
    const part = merged(150_000);
    const run = await runOnPort(part.port, oxfordshire, ASOF, { ranAt: RAN_AT, pause: immediately });
    expect(run.region!.partial!.fromRow).toBeLessThan(2000);
    expect(run.region!.partial!.columns).toContain(1);
    const whole = merged();
    const { plan } = await categoriseOnPort(whole.port, await whole.port.readRegister(), oxfordshire, ASOF, { ranAt: RAN_AT });
    const name = (p: typeof plan) => p.rows.find((r) => r.gridRow === 2000)!.outcome.record.schoolName;
    expect(name(plan)).toBe(String(rows[1999]![1]));
    expect(name(run.plan!)).toBe(name(plan));
  }, 60_000);

  // The benchmark register lacks key judgements, report-card areas and more; these registers have the whole
  // field catalogue, and two were saved by other programs. A blank read as "not given" there (a key judgement
  // beside a blank safeguarding cell) decides missing evidence, so every field a run reads must be read.
  it.each([['examples/sample-register.xlsx'], ...PRODUCER_REGISTERS.map((f) => [f])])('%s, read in part: every framework writes what a whole read writes', async (file) => {
    // As Office.js gives the cells (a formula without a value reads '').
    const grid = (await readSheetGrid(file)).values.map((r) => r.map(shownCell));
    for (const fw of allFrameworks()) {
      const part = setUp(grid, 4_000);
      const run = await runOnPort(part.port, fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: immediately });
      expect(run.region!.partial, file).toBeDefined();
      expect(run.region!.partial!.columns.length).toBeLessThan(grid[0]!.length);
      const whole = setUp(grid);
      const { plan } = await categoriseOnPort(whole.port, await whole.port.readRegister(), fw, ASOF, { ranAt: RAN_AT, runId: 'run' });
      expect(run.plan!.rows.length).toBe(plan.rows.length);
      run.plan!.rows.forEach((r, i) => expect(r.cells.filter((_, k) => k !== PROBLEMS), `${fw.definition.id} row ${r.gridRow}`).toEqual(plan.rows[i]!.cells.filter((_, k) => k !== PROBLEMS)));
      expect(run.write!.block.fills).toEqual(plan.rows.map((r) => r.fill));
      for (const name of run.write!.pack.map((l) => l.name)) {
        expect(part.double.sheet(name)!.grid({ top: 0, left: 0, bottom: 400, right: 12 }), `${fw.definition.id} ${name}`).toEqual(whole.double.sheet(name)!.grid({ top: 0, left: 0, bottom: 400, right: 12 }));
      }
    }
  }, 120_000);

  it('a register that fits the first read is read whole, and the pane says nothing of columns', async () => {
    const small = englandRegister(500);
    const { port } = setUp([small.header, ...small.rows]);
    const run = await runOnPort(port, allFrameworks()[0]!, ASOF, { ranAt: RAN_AT, pause: immediately });
    expect(run.status).toBe('done');
    expect(run.region!.partial).toBeUndefined();
    expect(runNotice(run).text).not.toContain(RUN_COLUMNS_ONLY);
  });

  it('a cell not read is taken: no result goes over it', () => {
    const region: RegisterRegion = {
      sheet: 'Register', address: 'Register!A1:C4', top: 0, left: 0, kind: 'used-range',
      values: [['URN', 'Name', ''], ['100001', 'A', 'x'], ['100002', '', ''], ['100003', 'C', '']],
      partial: { fromRow: 2, columns: [0, 1] },
      formulas: [],
    };
    const { occupied } = placementOptions(region, valuesAsSeen(region));
    expect(occupied!(1, 2)).toBe(true);
    // Read, and blank: free; past the first rows and not read: taken, whatever it reads as.
    expect(occupied!(2, 1)).toBe(false);
    expect(occupied!(2, 2)).toBe(true);
    expect(occupied!(3, 2)).toBe(true);
  });
});

describe('a country\'s register in the fewest syncs the 5 MB caps allow', () => {
  // Before session 7: 7 (Oxfordshire), 8 (Oldham), 8 (Herefordshire), 7 (Wokingham), 9 (Southwark); before session 8: 6, 7, 7, 6, 8.
  const most: Record<string, number> = { oxfordshire: 5, oldham: 6, herefordshire: 6, wokingham: 5, southwark: 7 };
  it('25,000 schools: one sync to find the register and two to read it, the last carrying the first rows\' results, for every framework; writes within the budget', async () => {
    const { header, rows } = englandRegister(25_000);
    for (const id of Object.keys(most)) {
      const r = await runOnDouble([header, ...rows], id);
      expect(r.status, id).toBe('done');
      expect(r.rowsWritten, id).toBe(25_000);
      const reads = r.responseBytes.filter((b) => b > 100_000).length;
      expect(reads, id).toBe(2);
      // The sync that reads the last rows writes the first rows' results: a request of megabytes, not an empty one.
      expect(r.requestBytes[2], id).toBeGreaterThan(2_000_000);
      expect(r.maxRequestBytes, id).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
      expect(r.maxResponseBytes, id).toBeLessThanOrEqual(REQUEST_LIMIT_BYTES);
      expect(r.syncs, id).toBeLessThanOrEqual(most[id]!);
    }
  }, 400_000);
});
