import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromIsoDate, toExcelSerial, type CalendarDate } from '../../core/dates';
import { FRAMEWORKS } from '../../core/frameworks';
import { mapHeaders } from '../../core/headers';
import { readSheetGrid } from '../../src/workbook/readFile';
import { installCustomFunctionsDouble } from '../support/customFunctionsDouble';
import { forgetEarlierCalls, rowsWorkedOut } from '../../functions/registerFunctions';
import { contextText } from '../../functions/recalcMemo';

installCustomFunctionsDouble();
const fns = await import('../../functions/functions');
const serial = (iso: string) => toExcelSerial(fromIsoDate(iso) as CalendarDate);
const AS_OF = serial('2026-11-01');

const grid = await readSheetGrid('examples/sample-register.xlsx');
const [header, ...given] = grid.values as unknown[][];
// As wide as the header row, as every row of a range Excel passes.
const sample = given.map((r) => header!.map((_, c) => r[c] ?? ''));
const URN = mapHeaders(header!, { headerRowNumber: 1 }).byField.urn!;
/** As Excel passes a range on each call: new arrays, the same values. */
const copy = (rows: readonly (readonly unknown[])[]) => rows.map((r) => [...r]);

describe('RISKCATEGORY and RISKREASONS after an edit work out only the rows that changed', () => {
  it('one edited cell: one row worked out, and the same cells as a first call', () => {
    forgetEarlierCalls();
    const first = fns.riskCategory('southwark', [header!], copy(sample), AS_OF);
    expect(rowsWorkedOut().riskCategory).toBe(sample.length);
    const edited = copy(sample);
    const col = header!.findIndex((h) => String(h).startsWith('Attendance'));
    expect(col).toBeGreaterThanOrEqual(0);
    edited[7]![col] = 50;
    const again = fns.riskCategory('southwark', [header!], edited, AS_OF);
    expect(rowsWorkedOut().riskCategory).toBe(1);
    forgetEarlierCalls();
    expect(again).toEqual(fns.riskCategory('southwark', [header!], copy(edited), AS_OF));
    expect(again.filter((r, i) => i !== 7)).toEqual(first.filter((r, i) => i !== 7));
  });

  it('a gap column of fractions (0.25 shown as 25%) reads as points, as the pane and the command line read it; one gap written in points turns it back, and every row is worked out', () => {
    const col = header!.indexOf('Disadvantaged gap');
    expect(col).toBeGreaterThanOrEqual(0);
    const asFractions = copy(sample).map((r) => r.map((c, k) => (k === col && typeof c === 'number' ? c / 100 : c)));
    forgetEarlierCalls();
    const points = fns.riskReasons('herefordshire', [header!], copy(sample), AS_OF);
    forgetEarlierCalls();
    expect(fns.riskReasons('herefordshire', [header!], copy(asFractions), AS_OF)).toEqual(points);
    expect(fns.riskCategory('herefordshire', [header!], copy(asFractions), AS_OF)).toEqual(fns.riskCategory('herefordshire', [header!], copy(sample), AS_OF));
    // Read as written (one gap above a point makes the column so), hundredths of a point raise no gap concern.
    const gapReasons = (cells: unknown[][]) => cells.filter((c) => /gap/i.test(String(c[0]))).length;
    const asWritten = copy(asFractions);
    asWritten[0]![col] = 12;
    forgetEarlierCalls();
    expect(gapReasons(fns.riskReasons('herefordshire', [header!], asWritten, AS_OF) as unknown[][])).toBeLessThan(gapReasons(points as unknown[][]));
    // One edit puts a gap above one point: the column is read as written, so every row is worked out again.
    forgetEarlierCalls();
    fns.riskCategory('herefordshire', [header!], copy(asFractions), AS_OF);
    const edited = copy(asFractions);
    edited[3]![col] = 12;
    fns.riskCategory('herefordshire', [header!], edited, AS_OF);
    expect(rowsWorkedOut().riskCategory).toBe(sample.length);
  });

  it('an edit that turns a column of fractions into one of percentages works out every row: another row\'s 1 is then 1%, not 100%', () => {
    forgetEarlierCalls();
    const col = header!.indexOf('KS2 RWM expected %');
    expect(col).toBeGreaterThanOrEqual(0);
    // The column as Excel's percentage format holds it, and one school at 100% (held as 1).
    const fractions = copy(sample).map((r) => {
      r[col] = typeof r[col] === 'number' ? (r[col] as number) / 100 : r[col];
      return r;
    });
    const full = fractions.findIndex((r) => typeof r[col] === 'number');
    fractions[full]![col] = 1;
    const first = fns.riskReasons('oldham', [header!], copy(fractions), AS_OF);
    expect(rowsWorkedOut().riskReasons).toBe(sample.length);
    const edited = copy(fractions);
    const other = fractions.findIndex((r, i) => i !== full && typeof r[col] === 'number');
    edited[other]![col] = 85;
    const again = fns.riskReasons('oldham', [header!], edited, AS_OF);
    expect(rowsWorkedOut().riskReasons).toBe(sample.length);
    forgetEarlierCalls();
    expect(again).toEqual(fns.riskReasons('oldham', [header!], copy(edited), AS_OF));
    expect(again[full]).not.toEqual(first[full]);
  });

  it('the same rows again work out nothing; another as-of date, framework or header works out every row', () => {
    forgetEarlierCalls();
    fns.riskCategory('oldham', [header!], copy(sample), AS_OF);
    fns.riskCategory('oldham', [header!], copy(sample), AS_OF);
    expect(rowsWorkedOut().riskCategory).toBe(0);
    fns.riskCategory('oldham', [header!], copy(sample), serial('2027-03-01'));
    expect(rowsWorkedOut().riskCategory).toBe(sample.length);
    fns.riskCategory('wokingham', [header!], copy(sample), serial('2027-03-01'));
    expect(rowsWorkedOut().riskCategory).toBe(sample.length);
    const renamed = [...header!];
    renamed[URN] = 'URN ';
    fns.riskCategory('wokingham', [renamed], copy(sample), serial('2027-03-01'));
    expect(rowsWorkedOut().riskCategory).toBe(sample.length);
  });

  it('a repeated URN: an edit elsewhere in the later row keeps its error; a changed URN works out every row', () => {
    forgetEarlierCalls();
    const rows = copy(sample);
    rows[40]![URN] = rows[3]![URN];
    const first = fns.riskCategory('herefordshire', [header!], rows, AS_OF);
    expect(String((first[40]![0] as { message?: string }).message)).toMatch(/URN used once; row 4 has it already/);
    // Only row 40 is worked out again: its repeat is still found against row 3, which is not.
    const edited = copy(rows);
    const col = header!.findIndex((h) => /school name/i.test(String(h)));
    edited[40]![col] = 'Renamed School';
    expect(fns.riskCategory('herefordshire', [header!], edited, AS_OF)[40]).toEqual(first[40]);
    expect(rowsWorkedOut().riskCategory).toBe(1);
    // Row 3's URN changes: row 40's value changes though its own cells did not.
    const moved = copy(edited);
    moved[3]![URN] = '999999';
    const after = fns.riskCategory('herefordshire', [header!], moved, AS_OF);
    expect(rowsWorkedOut().riskCategory).toBe(sample.length);
    expect(typeof after[40]![0]).toBe('string');
  });

  it('a row made blank is blank, not its earlier value', () => {
    forgetEarlierCalls();
    // Its URN blank already (a row without one is an error), so only the row's other cells change.
    const rows = copy(sample);
    rows[12]![URN] = '';
    expect(String((fns.riskCategory('oxfordshire', [header!], rows, AS_OF)[12]![0] as { message?: string }).message)).toMatch(/URN/);
    const blanked = copy(rows);
    blanked[12] = blanked[12]!.map(() => '');
    expect(fns.riskCategory('oxfordshire', [header!], blanked, AS_OF)[12]).toEqual(['']);
    expect(rowsWorkedOut().riskCategory).toBe(1);
  });

  it('rows changed in place after a call, or a cell that is an object, are worked out again', () => {
    forgetEarlierCalls();
    const rows = copy(sample);
    const col = header!.findIndex((h) => String(h).startsWith('Attendance'));
    const first = fns.riskCategory('wokingham', [header!], rows, AS_OF);
    // The same arrays, changed in place, passed again: nothing is known of them, so every row is worked out.
    rows[9]![col] = 40;
    const again = fns.riskCategory('wokingham', [header!], rows, AS_OF);
    expect(rowsWorkedOut().riskCategory).toBe(sample.length);
    forgetEarlierCalls();
    expect(again).toEqual(fns.riskCategory('wokingham', [header!], copy(rows), AS_OF));
    // What was given back is the caller's to change: the next call gives the kept value, not the change.
    const given = fns.riskCategory('wokingham', [header!], copy(rows), AS_OF);
    given[0]![0] = 'changed by the caller';
    expect(fns.riskCategory('wokingham', [header!], copy(rows), AS_OF)[0]).toEqual(first[0]);
    expect(rowsWorkedOut().riskCategory).toBe(0);
    const withObject = copy(rows);
    const nameCol = header!.findIndex((h) => /school name/i.test(String(h)));
    const entity = { type: 'String', basicValue: 'An entity' };
    withObject[20]![nameCol] = entity;
    fns.riskCategory('wokingham', [header!], withObject, AS_OF);
    const next = copy(withObject);
    fns.riskCategory('wokingham', [header!], next, AS_OF);
    expect(next[20]![nameCol]).toBe(entity);
    expect(rowsWorkedOut().riskCategory).toBe(1);
  });

  it('RISKREASONS calculated first gives RISKCATEGORY over the same register its values at once, a first call\'s', () => {
    for (const fw of FRAMEWORKS.map((f) => f.id)) {
      forgetEarlierCalls();
      const categoriesAlone = fns.riskCategory(fw, [header!], copy(sample), AS_OF);
      forgetEarlierCalls();
      fns.riskReasons(fw, [header!], copy(sample), AS_OF);
      expect(rowsWorkedOut().riskReasons).toBe(sample.length);
      expect(fns.riskCategory(fw, [header!], copy(sample), AS_OF)).toEqual(categoriesAlone);
      expect(rowsWorkedOut().riskCategory).toBe(0);
      // RISKCATEGORY first works out only its own (a reason's words cost more than the category alone).
      fns.riskCategory(fw, [header!], copy(sample), serial('2026-11-02'));
      fns.riskReasons(fw, [header!], copy(sample), serial('2026-11-02'));
      expect(rowsWorkedOut().riskReasons).toBe(sample.length);
    }
  });

  it('after an edit each works out the edited row only, and another as-of date shares nothing', () => {
    forgetEarlierCalls();
    fns.riskReasons('southwark', [header!], copy(sample), AS_OF);
    const edited = copy(sample);
    const col = header!.findIndex((h) => String(h).startsWith('Attendance'));
    edited[11]![col] = 61;
    fns.riskReasons('southwark', [header!], copy(edited), AS_OF);
    expect(rowsWorkedOut().riskReasons).toBe(1);
    const categories = fns.riskCategory('southwark', [header!], copy(edited), AS_OF);
    expect(rowsWorkedOut().riskCategory).toBe(1);
    fns.riskCategory('southwark', [header!], copy(edited), serial('2027-01-05'));
    expect(rowsWorkedOut().riskCategory).toBe(sample.length);
    forgetEarlierCalls();
    expect(categories).toEqual(fns.riskCategory('southwark', [header!], copy(edited), AS_OF));
  });

  it('the context text keeps apart what JSON would not', () => {
    expect(contextText([1, undefined])).not.toBe(contextText([1, null]));
    expect(contextText([{ a: Infinity }])).not.toBe(contextText([{ a: null }]));
    expect(contextText([{ a: Number.NaN }])).not.toBe(contextText([{ a: -Infinity }]));
  });

  // Any run of edits (cells, URNs, blank rows, rows removed or added, another date or framework): each call
  // gives exactly what a first call on the same arguments gives.
  it('any run of edits gives what a first call gives, for both functions', () => {
    const edit = fc.oneof(
      fc.record({ kind: fc.constant('cell' as const), row: fc.nat(), col: fc.nat(), from: fc.nat(), blank: fc.boolean() }),
      fc.record({ kind: fc.constant('urn' as const), row: fc.nat(), from: fc.nat() }),
      fc.record({ kind: fc.constant('blankRow' as const), row: fc.nat() }),
      fc.record({ kind: fc.constant('noUrn' as const), row: fc.nat() }),
      fc.record({ kind: fc.constant('remove' as const), row: fc.nat() }),
      fc.record({ kind: fc.constant('add' as const), from: fc.nat() }),
      fc.record({ kind: fc.constant('asOf' as const), later: fc.boolean() }),
      fc.record({ kind: fc.constant('framework' as const), which: fc.nat() }),
    );
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
      forgetEarlierCalls();
      const rows = copy(sample.slice(0, 60));
      let asOf = AS_OF;
      let fw = 'oxfordshire';
      fns.riskCategory(fw, [header!], copy(rows), asOf);
      fns.riskReasons(fw, [header!], copy(rows), asOf);
      for (const e of edits) {
        const at = (n: number) => n % rows.length;
        if (e.kind === 'cell') rows[at(e.row)]![e.col % header!.length] = e.blank ? '' : rows[at(e.from)]![e.col % header!.length];
        else if (e.kind === 'urn') rows[at(e.row)]![URN] = rows[at(e.from)]![URN];
        else if (e.kind === 'noUrn') rows[at(e.row)]![URN] = '';
        else if (e.kind === 'blankRow') rows[at(e.row)] = rows[at(e.row)]!.map(() => '');
        else if (e.kind === 'remove' && rows.length > 2) rows.splice(at(e.row), 1);
        else if (e.kind === 'add') rows.push([...sample[e.from % sample.length]!]);
        else if (e.kind === 'asOf') asOf = e.later ? serial('2027-06-30') : AS_OF;
        else if (e.kind === 'framework') fw = FRAMEWORKS[e.which % FRAMEWORKS.length]!.id;
        // Each call against the kept one from the step before, then a first call on the same arguments.
        const category = fns.riskCategory(fw, [header!], copy(rows), asOf);
        const reasons = fns.riskReasons(fw, [header!], copy(rows), asOf);
        forgetEarlierCalls();
        expect(category).toEqual(fns.riskCategory(fw, [header!], copy(rows), asOf));
        expect(reasons).toEqual(fns.riskReasons(fw, [header!], copy(rows), asOf));
      }
    }), { numRuns: 40 });
  });
});
