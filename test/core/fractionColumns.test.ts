/**
 * A register's percentage columns of fractions (core/fractionColumns.ts): Excel's percentage format holds
 * 85% as 0.85 and 100% as 1, so in such a column 1 is 100%, while in a column of percentages as written
 * (85, 92.5) 1 is 1%.
 */
import { describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../core/dates';
import { frameworkById } from '../../core/frameworks';
import { columnReadings, fractionColumns, isWholeOne } from '../../core/fractionColumns';
import { mapHeaders } from '../../core/headers';
import { readRegister } from '../../core/record';
import { categoriseRegister } from '../../core/register';
import { BENCH_AS_OF, englandRegister } from '../../bench/englandRegister';

const AS_OF = fromIsoDate('2026-11-01') as CalendarDate;
const HEADER = ['URN', 'School name', 'KS2 RWM expected %', 'Attendance %'];
const mapping = mapHeaders(HEADER, { headerRowNumber: 1 });
const column = (cells: unknown[]) => cells.map((c, i) => [String(100001 + i), `School ${i}`, c, 95]);

describe('fractionColumns', () => {
  it.each<[string, unknown[], boolean]>([
    ['fractions, one of them 1 (Excel\'s 100%)', [0.62, 1, 0.81, ''], true],
    ['fractions as text (a CSV of the values)', ['0.62', '1', ' 0.5 '], true],
    ['fractions and a blank or a missing-data code', [0.62, '', 'NULL', 1], true],
    ['percentages as written, one of them 1 (1%)', [62, 1, 81], false],
    ['a mix: one number above 1 makes it percentages as written', [0.62, 1, 81], false],
    ['only 0 and 1: nothing says which', [0, 1, 1], false],
    ['text with "%" says what it is and decides nothing', ['62%', '100%', 1], false],
    ['a negative number is its own cell\'s error, not the column\'s reading', [0.62, -3, 1], true],
  ])('%s: %j', (_what, cells, fractions) => {
    expect(fractionColumns(mapping, column(cells)).has('ks2RwmExpectedPct')).toBe(fractions);
  });

  it.each<[string, unknown[], boolean]>([
    ['only 0 and 1', [0, 1, 1], true],
    ['only 1s, as text too', [1, '1', ''], true],
    ['only 0s: nothing read differently', [0, 0], false],
    ['fractions', [0.62, 1], false],
    ['percentages as written', [62, 1], false],
    ['"100%" as text says what it is', ['100%', 0], false],
  ])('onesOnly, %s: %j', (_what, cells, ones) => {
    expect(columnReadings(mapping, column(cells)).onesOnly.has('ks2RwmExpectedPct')).toBe(ones);
  });

  it('a column of only 0s and 1s is read as written (1 is 1%), and the register says so once, where a framework reads the column', () => {
    const ones = column([0, 1, 1]);
    const read = readRegister(HEADER, ones, { asOf: AS_OF, headerRowNumber: 1 });
    expect(read.records.map((r) => r?.ks2RwmExpectedPct)).toEqual([0, 1, 1]);
    const expected = 'Column "KS2 RWM expected %" holds no number but 0 and 1: its 1 is read as 1%; expected percentages as written (100 for 100%); where a percentage format shows these cells as 100%, write 100 in them.';
    expect(read.problems.map((p) => [p.severity, p.message])).toEqual([['warning', expected]]);
    const run = categoriseRegister(frameworkById('oldham')!, HEADER, ones, { asOf: AS_OF, headerRowNumber: 1 });
    expect(run.registerProblems.filter((p) => p.kind === 'ones-as-percent').map((p) => p.message)).toEqual([expected]);
    // A run given the register's reading (a function, the pane's one school) repeats no column warning.
    expect(categoriseRegister(frameworkById('oldham')!, HEADER, ones, { asOf: AS_OF, headerRowNumber: 1, fractionColumns: fractionColumns(mapping, ones) }).registerProblems.filter((p) => p.kind === 'ones-as-percent')).toEqual([]);
    expect(readRegister(HEADER, column([62, 1, 81]), { asOf: AS_OF, headerRowNumber: 1 }).problems).toEqual([]);
  });

  it('only the fields asked for, and only percentage fields', () => {
    const rows = column([0.62, 1]).map((r) => [...r.slice(0, 3), 0.95]);
    expect([...fractionColumns(mapping, rows)].sort()).toEqual(['attendancePct', 'ks2RwmExpectedPct']);
    expect([...fractionColumns(mapping, rows, new Set(['attendancePct']))]).toEqual(['attendancePct']);
  });

  it('isWholeOne: 1 as a number or plain text, nothing else', () => {
    expect([1, '1', ' 1.0 ', 100, '1%', 0.999, '', null].map(isWholeOne)).toEqual([true, true, true, false, false, false, false, false]);
  });
});

describe('a register with a column of fractions', () => {
  it('reads its 1 as 100%, with a warning on the cell naming the reading; a column of percentages reads its 1 as 1%, without one', () => {
    const fractions = readRegister(HEADER, column([0.62, 1, 0.81]), { asOf: AS_OF, headerRowNumber: 1 });
    expect(fractions.records.map((r) => r?.ks2RwmExpectedPct)).toEqual([62, 100, 81]);
    expect(fractions.problems.map((p) => [p.severity, p.row, p.message])).toEqual([
      ['warning', 3, 'Row 3, column "KS2 RWM expected %": 1 is read as 100%; expected a fraction, as the column\'s other numbers are (0.85 for 85%, as Excel\'s percentage format holds them), where 1 is 100%; if 1% is meant, type 1%.'],
    ]);
    const percentages = readRegister(HEADER, column([62, 1, 81]), { asOf: AS_OF, headerRowNumber: 1 });
    expect(percentages.records.map((r) => r?.ks2RwmExpectedPct)).toEqual([62, 1, 81]);
    expect(percentages.problems).toEqual([]);
  });

  it('categorises the school at 100% as it does when the column says 100, under every framework that reads the column', () => {
    const sample = column([0.62, 1, 0.81]);
    const written = column([62, 100, 81]);
    for (const id of ['oxfordshire', 'oldham', 'herefordshire', 'wokingham', 'southwark']) {
      const fw = frameworkById(id)!;
      const a = categoriseRegister(fw, HEADER, sample, { asOf: AS_OF, headerRowNumber: 1 });
      const b = categoriseRegister(fw, HEADER, written, { asOf: AS_OF, headerRowNumber: 1 });
      expect(a.rows.map((r) => [r.result?.category, r.inspection?.riskScore]), id).toEqual(b.rows.map((r) => [r.result?.category, r.inspection?.riskScore]));
      expect(a.rows[1]!.record.ks2RwmExpectedPct, id).toBe(100);
    }
  });

  it('one row run alone with the register\'s reading (the pane\'s selected school) reads it as the register does', () => {
    const rows = column([0.62, 1, 0.81]);
    const fw = frameworkById('oldham')!;
    const alone = categoriseRegister(fw, HEADER, [rows[1]!], { asOf: AS_OF, headerRowNumber: 2, fractionColumns: fractionColumns(mapping, rows) });
    expect(alone.rows[0]!.record.ks2RwmExpectedPct).toBe(100);
    // Without it, the row alone cannot say: 1 is 1%.
    expect(categoriseRegister(fw, HEADER, [rows[1]!], { asOf: AS_OF, headerRowNumber: 2 }).rows[0]!.record.ks2RwmExpectedPct).toBe(1);
  });
});

/**
 * The disadvantaged gap, in percentage points, worked out in a sheet as a difference of two percentages held
 * as fractions: 0.25 shown as 25%. Read as written, a gap of 25 points would be a quarter of one, and
 * Herefordshire's high-gap criterion would not fire: a "no concern" the evidence does not give.
 */
describe('a gap column of fractions (percentage points in a percentage format)', () => {
  const GAP_HEADER = ['URN', 'School name', 'Disadvantaged gap', 'Disadvantaged gap trend'];
  const gapMapping = mapHeaders(GAP_HEADER, { headerRowNumber: 1 });
  const gaps = (cells: unknown[], trend = 'widening') => cells.map((c, i) => [String(100001 + i), `School ${i}`, c, trend]);

  it.each<[string, unknown[], boolean]>([
    ['five fractions', [0.25, -0.05, 0.12, 0.3, 0], true],
    ['fractions as text (a CSV of the values)', ['0.25', '-0.05', ' 0.12 ', '0.3', '0'], true],
    ['four numbers: too few to say', [0.25, -0.05, 0.12, 0.3], false],
    ['one gap above one point: points as written', [0.25, -0.05, 0.12, 0.3, 12.5], false],
    ['only whole numbers from -1 to 1: nothing says which', [0, 1, -1, 1, 0], false],
    ['text with "%" is points as written and is not counted', ['25%', '5%', '12%', '30%', 0.5], false],
  ])('%s: %j', (_what, cells, fractions) => {
    expect(fractionColumns(gapMapping, gaps(cells)).has('disadvantagedGap')).toBe(fractions);
  });

  it('reads each gap times 100, says so once on the column, and categorises as the gaps written in points do (Herefordshire)', () => {
    const fw = frameworkById('herefordshire')!;
    const { header, rows } = englandRegister(200);
    const gap = header.indexOf('Disadvantaged gap');
    // The bench register's gaps (points, to one place) as a sheet of fractions in a percentage format holds them.
    const asFractionRows = rows.map((r) => r.map((c, k) => (k === gap && typeof c === 'number' ? c / 100 : c)));
    const asFractions = categoriseRegister(fw, header, asFractionRows, { asOf: BENCH_AS_OF, headerRowNumber: 1 });
    const asPoints = categoriseRegister(fw, header, rows, { asOf: BENCH_AS_OF, headerRowNumber: 1 });
    expect(asFractions.rows.map((r) => r.record.disadvantagedGap)).toEqual(asPoints.rows.map((r) => r.record.disadvantagedGap));
    const said = (o: typeof asFractions) => o.rows.map((r) => [r.result?.category, r.result?.reasons.map((x) => x.criterion)]);
    expect(said(asFractions)).toEqual(said(asPoints));
    // The gap criteria fire for some schools, as they would not on gaps read as hundredths of a point.
    const gapFired = (o: typeof asFractions) => o.rows.filter((r) => r.result?.reasons.some((x) => /gap/i.test(x.text)) || r.result?.notes.some((x) => /gap/i.test(x.text))).length;
    expect(gapFired(asFractions)).toBeGreaterThan(0);
    const warned = asFractions.registerProblems.filter((p) => p.kind === 'points-as-fractions');
    expect(warned.map((p) => [p.severity, p.message])).toEqual([
      ['warning', 'Column "Disadvantaged gap" holds only numbers from -1 to 1, as a percentage format holds points: each is read times 100 (0.25 as 25 points); expected percentage points as written (25 for a gap of 25 points); where the gaps really are within one point, one number outside -1 to 1 has the column read as written.'],
    ]);
    expect(asPoints.registerProblems.filter((p) => p.kind === 'points-as-fractions')).toEqual([]);
    // Read with no framework (validate without one), the register says the same, once.
    expect(readRegister(header, asFractionRows, { asOf: BENCH_AS_OF, headerRowNumber: 1 }).problems.filter((p) => p.kind === 'points-as-fractions').map((p) => p.message)).toEqual(warned.map((p) => p.message));
    // Read as written (the column's fractions not seen), fewer schools have a gap criterion: what the reading prevents.
    const unseen = categoriseRegister(fw, header, asFractionRows, { asOf: BENCH_AS_OF, headerRowNumber: 1, fractionColumns: new Set() });
    expect(gapFired(unseen)).toBeLessThan(gapFired(asFractions));
    // A framework that does not read the gap says nothing of it.
    expect(categoriseRegister(frameworkById('oldham')!, header, asFractionRows, { asOf: BENCH_AS_OF, headerRowNumber: 1 }).registerProblems.filter((p) => p.kind === 'points-as-fractions')).toEqual([]);
  });
});
