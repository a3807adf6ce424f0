import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate } from '../../../core/dates';
import { frameworkById } from '../../../core/frameworks';
import { planRun } from '../../../src/run/registerRun';
import { placeResults, RESULT_COLUMNS, RESULT_HEADERS, RESULT_IDS, type ResultMarker } from '../../../src/run/resultPlacement';
import type { GridValue } from '../../../src/workbook/cell';
import { readSheetGrid } from '../../../src/workbook/readFile';

const N = RESULT_COLUMNS.length;
const range = (from: number) => RESULT_COLUMNS.map((_, i) => from + i);
const HEADER = ['URN', 'School name', 'Phase', 'Ofsted grade', 'Inspection date'];
const row = (urn: number, grade: string): GridValue[] => [urn, `School ${urn}`, 'Primary', grade, '01/03/2022'];

/** A register with an unheaded notes column (F) right of the headed columns. */
const withNotes: GridValue[][] = [
  [...HEADER, ''],
  [...row(100001, 'Good'), 'Visited in May'],
  [...row(100002, 'RI'), 'Head new in post'],
];

const input = (values: readonly (readonly GridValue[])[], marker: ResultMarker | null = null, mapped = [0, 1, 2, 3, 4]) =>
  ({ values, headerIndex: 0, lastRow: values.length - 1, mappedColumns: new Set(mapped), marker });

const markerAt = (columns: readonly number[]): ResultMarker => ({ columns: Object.fromEntries(RESULT_IDS.map((id, i) => [id, columns[i]!])) });

describe('a fresh result block', () => {
  it('goes past an unheaded notes column instead of over it, and says so', () => {
    const p = placeResults(input(withNotes));
    expect(p.found).toBe('fresh');
    expect(p.columns).toEqual(range(6));
    expect(p.notes.join(' ')).toMatch(/Column F holds content without a header, so the results were written after, from column G; nothing there was overwritten/);
  });

  it('needs every one of its columns empty in every register row, header included', () => {
    // A note far right in one row (column H) pushes the whole block past it.
    const values = [[...HEADER], [...row(100001, 'Good'), '', '', 'late note'], [...row(100002, 'RI')]];
    expect(placeResults(input(values)).columns).toEqual(range(8));
  });

  it('treats a cell that shows blank but holds something (a formula giving "") as taken', () => {
    const values = [[...HEADER], [...row(100001, 'Good')]];
    const p = placeResults({ ...input(values), occupied: (r, c) => (r === 1 && c === 5) || values[r]?.[c] !== undefined && values[r]?.[c] !== '' });
    expect(p.columns).toEqual(range(6));
  });

  it('starts right after the header when nothing is beside the register', () => {
    expect(placeResults(input([[...HEADER], row(100001, 'Good')])).columns).toEqual(range(5));
  });
});

describe('an earlier block found by its marker', () => {
  it('is refreshed where the marker says, even split by an inserted column and with a header renamed', () => {
    const cols = [...range(10).slice(0, 3), ...range(11).slice(3)]; // a column inserted after the third result
    const header = [...HEADER, '', '', '', '', '', ...RESULT_HEADERS.slice(0, 3), 'Analyst column', ...RESULT_HEADERS.slice(3)];
    header[10] = 'Category (autumn)';
    const values = [header, row(100001, 'Good')];
    const p = placeResults(input(values, markerAt(cols)));
    expect(p.found).toBe('marker');
    expect(p.columns).toEqual(cols);
    expect(p.previous).toEqual(cols);
    // The renamed header is the analyst's now: kept, not written back.
    expect(p.writeHeader[0]).toBe(false);
    expect(p.notes).toEqual([]);
  });

  it('adds a result the marker does not record (a newer version) in the first empty column past the block', () => {
    const marker: ResultMarker = { columns: Object.fromEntries(RESULT_IDS.slice(1).map((id, i) => [id, 6 + i])) };
    const values = [[...HEADER, '', ...RESULT_HEADERS.slice(1), 'x'], row(100001, 'Good')];
    const p = placeResults(input(values, marker));
    expect(p.columns.slice(1)).toEqual(range(6).slice(0, N - 1));
    expect(p.columns[0]).toBe(6 + N); // 6 + N - 1 holds "x"
    expect(p.writeHeader[0]).toBe(true);
  });

  it.each([
    ['a reference Excel turned to #REF! (a deleted column)', (c: (number | null)[]) => { c[2] = null; }],
    ['two results in one column', (c: (number | null)[]) => { c[1] = c[0]!; }],
    ['a result column that now holds one of the analyst\'s mapped columns', (c: (number | null)[]) => { c[0] = 3; }],
  ])('is not trusted when it has %s: a fresh block goes beside, and the run says so', (_what, spoil) => {
    const cols: (number | null)[] = range(6);
    spoil(cols);
    const values = [[...HEADER, '', ...RESULT_HEADERS], [...row(100001, 'Good'), '', 'Green']];
    const marker: ResultMarker = { columns: Object.fromEntries(RESULT_IDS.map((id, i) => [id, cols[i]!])) };
    const p = placeResults(input(values, marker));
    expect(p.found).toBe('fresh');
    expect(p.columns).toEqual(range(6 + N));
    expect(p.notes.join(' ')).toMatch(/could not be matched with certainty/);
  });
});

describe('a block without a marker (a CSV, or a workbook from before markers)', () => {
  it('is recognised by the exact result headers side by side', () => {
    const values = [[...HEADER, 'Notes', ...RESULT_HEADERS], [...row(100001, 'Good'), 'n', 'Green']];
    const p = placeResults(input(values));
    expect(p.found).toBe('headers');
    expect(p.columns).toEqual(range(6));
  });
});

describe('the run plan', () => {
  const asOf = fromIsoDate('2026-11-01')!;
  const oldham = frameworkById('oldham')!;
  /** Three schools of the sample register, with every column Oldham reads but its own "Previous category". */
  let register: GridValue[][] = [];
  beforeAll(async () => {
    const sample = (await readSheetGrid('examples/sample-register.csv')).values.slice(0, 4);
    const drop = sample[0]!.indexOf('Previous category');
    register = sample.map((r) => r.filter((_, i) => i !== drop));
  });

  it('reads the previous category from the marked column, and does not read our columns as the analyst\'s fields', () => {
    const w = register[0]!.length;
    const cols = range(w + 1);
    const values: GridValue[][] = register.map((r, i) => [...r, i === 0 ? 'Notes' : 'n', ...RESULT_HEADERS.map((h, k) => (i === 0 ? (k === 0 ? 'Cat' : h) : k === 0 ? 'Green' : k === RESULT_HEADERS.indexOf('Previous category (last run)') ? 'Red' : ''))]);
    const plan = planRun(values, { framework: oldham, asOf, source: 'test', marker: markerAt(cols) });
    expect(plan.placement.columns).toEqual(cols);
    for (const r of plan.rows) expect(r.cells[RESULT_HEADERS.indexOf('Previous category (last run)')]).toBe('Green');
    // "Previous category (last run)" is ours: the analyst's previousCategory field is not read from it.
    for (const r of plan.rows) expect(r.outcome.record.previousCategory).toBeUndefined();
  });

  it('keeps the notes column of every row as it was (the block goes past it)', () => {
    const w = register[0]!.length;
    const values: GridValue[][] = register.map((r, i) => [...r, i === 0 ? '' : `note ${i}`]);
    const plan = planRun(values, { framework: oldham, asOf, source: 'test' });
    expect(Math.min(...plan.placement.columns)).toBe(w + 1);
  });

  describe('movements against the previous run', () => {
    const block = (values: GridValue[][], categories: string[]) => values.map((r, i) => [...r, ...RESULT_HEADERS.map((h, k) => (i === 0 ? h : k === 0 ? categories[i - 1] ?? '' : ''))]);
    const movementOf = (plan: ReturnType<typeof planRun>) => plan.rows.map((r) => [r.cells[RESULT_HEADERS.indexOf('Previous category (last run)')], r.cells[RESULT_HEADERS.indexOf('Movement')]]);

    it('no previous run: no movement at all, not "New" on every row', () => {
      const plan = planRun(register, { framework: oldham, asOf, source: 'test' });
      expect(movementOf(plan)).toEqual(plan.rows.map(() => ['', '']));
    });

    it('a school the previous run did not have is "New to the register"; an id in the previous cell shows as its label', () => {
      const w = register[0]!.length;
      const plan = planRun(block(register, ['red', '', 'Green']), { framework: oldham, asOf, source: 'test', marker: markerAt(range(w)), previousRun: { frameworkId: 'oldham', asOf: '2026-07-01' } });
      const [a, b, c] = movementOf(plan);
      expect(a![0]).toBe('Red');
      expect(b).toEqual(['', 'New to the register']);
      expect(c![0]).toBe('Green');
      expect(['More concern', 'Less concern', 'No change']).toContain(c![1]);
    });

    it('a previous run under another framework is said so, not compared', () => {
      const w = register[0]!.length;
      const plan = planRun(block(register, ['Universal', 'Targeted', 'Bespoke']), { framework: oldham, asOf, source: 'test', marker: markerAt(range(w)), previousRun: { frameworkId: 'oxfordshire', asOf: '2026-07-01' } });
      expect(movementOf(plan)).toEqual([['Universal', 'Previous run under another framework'], ['Targeted', 'Previous run under another framework'], ['Bespoke', 'Previous run under another framework']]);
      expect(plan.summary.movements).toEqual([]);
    });
  });
});
