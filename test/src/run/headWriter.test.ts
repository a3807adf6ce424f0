/**
 * The first rows' results riding on the register's last read (src/workbook/port.ts `HeadWriter`): only
 * when the rows read before it settle where the results go (src/run/registerRun.ts `placementSettled`);
 * the workbook a run leaves is the one it leaves without them, to the cell, the format and the name; a
 * note right of the header further down stops them; a cancel after them says what they wrote, and the
 * next run finds their block; a riding sync that fails is read again without them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { englandRegister } from '../../../bench/englandRegister';
import { fromIsoDate } from '../../../core/dates';
import { allFrameworks, frameworkById } from '../../../core/frameworks';
import { placementSettled, RESULT_HEADERS, runLayout } from '../../../src/run/registerRun';
import { isBlankValue, placeResults, RESULT_IDS } from '../../../src/run/resultPlacement';
import { runOnPort } from '../../../src/run/taskpaneRun';
import { shownCell, type Cell } from '../../../src/workbook/cell';
import { readSheetGrid } from '../../../src/workbook/readFile';
import { createOfficePort } from '../../../src/workbook/office';
import type { WorkbookPort } from '../../../src/workbook/port';
import { runNotice } from '../../../taskpane/runNotice';
import { ExcelDouble } from '../../support/excelDouble';
import { PRODUCER_REGISTERS } from '../../support/producerFixtures';

const ASOF = fromIsoDate('2026-11-01')!;
const RAN_AT = new Date(Date.UTC(2026, 10, 1));
const oxfordshire = frameworkById('oxfordshire')!;
const immediately = () => Promise.resolve();
const { header, rows } = englandRegister(3_000);
const WIDTH = header.length;

/** A register on the double, read in chunks of about 400 rows (the run's columns past the first). */
function setUp(grid: readonly (readonly Cell[])[]) {
  const double = new ExcelDouble();
  const sheet = double.addSheet('Register', grid);
  const port = createOfficePort({ run: double.run, settings: double.settings, readBudgetBytes: 150_000 });
  return { double, sheet, port };
}

/** The same port with nothing riding on its reads: the run as it was before results rode. */
const withoutRiding = (port: WorkbookPort): WorkbookPort => ({ ...port, readRegister: (control) => port.readRegister({ ...control, headWriter: undefined }) });

/** Everything a run leaves in the workbook: every sheet's cells (value, formula, format), names, tables, breaks, freeze. */
function workbook(double: ExcelDouble) {
  return double.sheets.map((s) => ({ name: s.name, cells: s.snapshot(), names: s.names, tables: s.tables, pageBreaks: s.pageBreaks, frozen: s.frozen }));
}

describe('the first rows\' results ride on the last read when their place is settled', () => {
  it.each(allFrameworks().map((fw) => [fw.definition.id, fw] as const))('%s: the workbook is the one the run leaves without them, to the cell', async (_id, fw) => {
    const riding = setUp([header, ...rows]);
    const run = await runOnPort(riding.port, fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: immediately });
    expect(run.status).toBe('done');
    // A fresh block right of every cell: settled by the first rows, which rode.
    expect(run.early!.rows).toBeGreaterThan(100);
    expect(run.early!.block.columns).toEqual(run.write!.block.columns);
    // The sync that read the last rows wrote the first rows' results (and nothing before it wrote).
    const rodeOn = riding.double.operations.findIndex((ops) => ops.includes('values'));
    expect(riding.double.operations[rodeOn]).toContain('load');
    expect(riding.double.operations.slice(rodeOn + 1).some((ops) => ops.includes('load') && !ops.includes('values'))).toBe(false);

    const plain = setUp([header, ...rows]);
    const before = await runOnPort(withoutRiding(plain.port), fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: immediately });
    expect(before.early).toBeUndefined();
    expect(workbook(riding.double)).toEqual(workbook(plain.double));
    // Every result cell, Problems included, is the whole register's plan: the first rows were not left with a plan of their own.
    const block = run.write!.block;
    block.rows.forEach((cells, i) => {
      expect(block.columns.map((c) => riding.sheet.value(block.firstRow + i, c)), `row ${i}`).toEqual(cells);
    });
  }, 60_000);

  it('a country\'s register: one sync fewer', async () => {
    const big = englandRegister(25_000);
    const count = async (ride: boolean) => {
      const double = new ExcelDouble();
      double.addSheet('Register', [big.header, ...big.rows]);
      const port = createOfficePort({ run: double.run, settings: double.settings });
      const run = await runOnPort(ride ? port : withoutRiding(port), oxfordshire, ASOF, { ranAt: RAN_AT, pause: immediately });
      expect(run.status).toBe('done');
      return double.syncs;
    };
    expect(await count(true)).toBe((await count(false)) - 1);
  }, 120_000);
});

describe('registers saved by other programs', () => {
  // The sample register (ours), and the registers LibreOffice and openpyxl saved: their cells as Office.js gives them.
  it.each([['examples/sample-register.xlsx'], ...PRODUCER_REGISTERS.map((f) => [f])])('%s, read in 4 kB chunks: rows ride, and every framework leaves the workbook a run without them leaves', async (file) => {
    const grid = (await readSheetGrid(file)).values.map((r) => r.map(shownCell));
    for (const fw of allFrameworks()) {
      const on = (ride: boolean) => {
        const double = new ExcelDouble();
        double.addSheet('Register', grid);
        const port = createOfficePort({ run: double.run, settings: double.settings, readBudgetBytes: 4_000 });
        return { double, port: ride ? port : withoutRiding(port) };
      };
      const riding = on(true);
      const run = await runOnPort(riding.port, fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: immediately });
      expect(run.status, fw.definition.id).toBe('done');
      expect(run.early?.rows, `${file} ${fw.definition.id}`).toBeGreaterThan(0);
      const plain = on(false);
      await runOnPort(plain.port, fw, ASOF, { ranAt: RAN_AT, runId: 'run', pause: immediately });
      expect(workbook(riding.double), `${file} ${fw.definition.id}`).toEqual(workbook(plain.double));
    }
  }, 120_000);
});

describe('what settles the place of the results', () => {
  const noted = (row: number): Cell[][] => [header, ...rows.map((r, i) => (i === row ? [...r, 'ring the head'] : r))];
  const options = { source: 'the register' };

  it('a fresh block right of every cell is settled; a note right of the header further down is not, and moves the block', () => {
    const grid = [header, ...rows];
    expect(placementSettled(grid.slice(0, 400), options, grid.length, WIDTH)).toBe(true);
    // The note is in row 2,000: the first 400 rows place the block over its column; all the rows do not.
    const withNote = noted(1_999);
    expect(placementSettled(withNote.slice(0, 400), options, withNote.length, WIDTH + 1)).toBe(false);
    const place = (values: Cell[][]) => placeResults({ values, headerIndex: 0, lastRow: values.length - 1, mappedColumns: new Set(), marker: null }).columns[0];
    expect(place(withNote.slice(0, 400))).toBe(WIDTH);
    expect(place(withNote)).toBe(WIDTH + 1);
  });

  it('an earlier block found by its marker is settled, whatever the later rows hold beside it', () => {
    const grid = noted(1_999);
    const marker = { columns: Object.fromEntries(['category', 'support', 'nextInspectionDue', 'inspectionRisk', 'reasons', 'missingEvidence', 'problems', 'previousCategory', 'movement'].map((id, i) => [id, WIDTH + 2 + i])) };
    expect(placementSettled(grid.slice(0, 400), { ...options, marker }, grid.length, WIDTH + 1)).toBe(true);
  });

  it('a formula giving "" further down, right of every value, is taken: not settled', () => {
    const grid = [header, ...rows];
    const occupied = (r: number, c: number) => (r === 2_000 && c === WIDTH + 3) || !isBlankValue(grid[r]?.[c]);
    expect(placementSettled(grid.slice(0, 400), { ...options, occupied }, grid.length, WIDTH)).toBe(false);
  });

  it('property: whenever the first rows settle the place, all the rows place the results there', () => {
    const HEAD = ['URN', 'School name', 'Phase', 'Ofsted grade', 'Inspection date'];
    const seen = { settled: 0, not: 0 };
    fc.assert(fc.property(
      fc.integer({ min: 1, max: 25 }),
      // Notes (a value) and formulas giving "" (taken, though blank), anywhere right of the header's first column.
      fc.array(fc.record({ row: fc.integer({ min: 1, max: 25 }), column: fc.integer({ min: 1, max: 18 }), formula: fc.boolean() }), { maxLength: 10 }),
      fc.integer({ min: 1, max: 26 }),
      fc.oneof(fc.constant(null), fc.integer({ min: 5, max: 24 })),
      (count, marks, headRows, markerAt) => {
        const values: Cell[][] = [HEAD, ...Array.from({ length: count }, (_, i): Cell[] => [100001 + i, `School ${i}`, 'Primary', 'Good', '01/03/2022'])];
        const formulas = new Set<string>();
        for (const m of marks.filter((x) => x.row <= count)) {
          if (m.formula) formulas.add(`${m.row},${m.column}`);
          else {
            const r = values[m.row]!;
            while (r.length <= m.column) r.push('');
            r[m.column] = 'note';
          }
        }
        const width = Math.max(...values.map((r) => r.length));
        const occupied = (r: number, c: number) => formulas.has(`${r},${c}`) || !isBlankValue(values[r]?.[c]);
        const marker = markerAt === null ? null : { columns: Object.fromEntries(RESULT_IDS.map((id, i) => [id, markerAt + i])) };
        const layout = { source: 'the register', occupied, marker };
        // Never every row: the rows not read yet are the point.
        const head = values.slice(0, 1 + (headRows % count));
        // What a run knows once it has read the first rows: their cells, and the formula cells (listed for the whole region).
        const known = { ...layout, occupied: (r: number, c: number) => formulas.has(`${r},${c}`) || (r < head.length && !isBlankValue(values[r]?.[c])) };
        if (!placementSettled(head, known, values.length, width)) {
          seen.not++;
          return;
        }
        seen.settled++;
        expect(runLayout(values, layout).placement).toEqual(runLayout(head, known).placement);
      },
    ), { numRuns: 400 });
    // Both kinds of register were met, so the property was tried where it matters.
    expect(seen.settled).toBeGreaterThan(50);
    expect(seen.not).toBeGreaterThan(30);
  });

  it('rows without a header are not settled', () => {
    expect(placementSettled([['', ''], ['x', 'y']], options, 3_000, 2)).toBe(false);
  });

  it('a note further down: nothing rides, the block goes past the note, and the note is untouched', async () => {
    const { sheet, port } = setUp(noted(1_999));
    const run = await runOnPort(port, oxfordshire, ASOF, { ranAt: RAN_AT, pause: immediately });
    expect(run.status).toBe('done');
    expect(run.early).toBeUndefined();
    expect(run.write!.block.columns[0]).toBe(WIDTH + 1);
    expect(sheet.value(2_000, WIDTH)).toBe('ring the head');
    expect(sheet.value(1, WIDTH)).toBe('');
  }, 60_000);
});

describe('the rows that rode are checked against the whole register\'s plan', () => {
  it('were their results to differ, the write starts again from the first row', async () => {
    const { sheet, port } = setUp([header, ...rows]);
    // A mapping that leaves Ofsted's grade unread for the first rows alone: their plan differs from the whole register's.
    const overrides = (region: { values: readonly unknown[] }) => (region.values.length < rows.length ? { ofstedGrade: null } : {});
    const run = await runOnPort(port, oxfordshire, ASOF, { overrides, ranAt: RAN_AT, pause: immediately });
    expect(run.status).toBe('done');
    expect(run.early!.rows).toBeGreaterThan(100);
    const block = run.write!.block;
    expect(block.rows.slice(0, run.early!.rows).some((cells, i) => cells.some((c, k) => c !== run.early!.block.rows[i]![k]))).toBe(true);
    block.rows.forEach((cells, i) => {
      expect(block.columns.map((c) => sheet.value(block.firstRow + i, c)), `row ${i}`).toEqual(cells);
    });
  }, 60_000);
});

describe('a run stopped after its first rows rode', () => {
  it('a cancel while categorising says what was written; the next run finds the block by its headers and refreshes it', async () => {
    const { sheet, port } = setUp([header, ...rows]);
    const ctl = new AbortController();
    const run = await runOnPort(port, oxfordshire, ASOF, { signal: ctl.signal, pause: immediately, onProgress: (p) => p.phase === 'categorising' && p.done > 0 && ctl.abort() });
    expect(run).toMatchObject({ status: 'cancelled', phase: 'categorising', report: null });
    const written = run.early!.rows;
    expect(written).toBeGreaterThan(100);
    // The rows that rode have their results and the headers; the row after has none.
    expect(sheet.value(0, WIDTH)).toBe('Category');
    expect(sheet.value(written, WIDTH)).not.toBe('');
    expect(sheet.value(written + 1, WIDTH + RESULT_HEADERS.indexOf('Support'))).toBe('');
    expect(runNotice(run).text).toMatch(new RegExp(`^Stopped while categorising \\(\\d+ of 3000 schools\\)\\. Written: new results in sheet rows 2 to ${written + 1} of "Register", columns BP to BX, whole rows only; the other rows keep their previous results\\. Not written: `));

    const again = await runOnPort(port, oxfordshire, ASOF, { pause: immediately, ranAt: RAN_AT });
    expect(again.status).toBe('done');
    expect(again.plan!.placement.found).toBe('headers');
    expect(again.write!.block.columns).toEqual(run.early!.block.columns);
    expect(again.report!.rowsDone).toBe(3_000);
  }, 60_000);

  it('a riding sync that fails is read again without the rows, which the run then writes itself', async () => {
    const first = setUp([header, ...rows]);
    const clean = await runOnPort(first.port, oxfordshire, ASOF, { ranAt: RAN_AT, runId: 'run', pause: immediately });
    const rodeOn = first.double.operations.findIndex((ops) => ops.includes('values')) + 1;

    const failing = setUp([header, ...rows]);
    failing.double.failure = { sync: rodeOn, atCommand: 0 };
    const run = await runOnPort(failing.port, oxfordshire, ASOF, { ranAt: RAN_AT, runId: 'run', pause: immediately });
    expect(run.status).toBe('done');
    expect(run.early).toBeUndefined();
    expect(failing.double.syncs).toBe(first.double.syncs + 1);
    expect(run.report!.rowsDone).toBe(clean.report!.rowsDone);
    expect(workbook(failing.double)).toEqual(workbook(first.double));
  }, 60_000);
});
