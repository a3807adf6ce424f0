import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromIsoDate, toExcelSerial, type CalendarDate } from '../../core/dates';
import { FIELD_KEYS, FIELDS, type FieldKey } from '../../core/fields';
import { displayValue, type ProblemKind } from '../../core/problems';
import { cellReader, describeExpected, fullRead, isExcelError, NOT_QUICK, plainCell, QuickColumn, quickRead, readCell, UncalculatedFormula, valueReader } from '../../core/values';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const AS_OF = d('2025-09-01');
const ctx = { row: 7, column: 'The column', asOf: AS_OF };

/** Reads a cell and returns its value, failing the test with the problem's message when there is one. */
function valueOf(field: FieldKey, raw: unknown): unknown {
  const r = readCell(field, raw, ctx);
  if (!r.ok) throw new Error(r.problem.message);
  return r.value;
}
function problemOf(field: FieldKey, raw: unknown) {
  const r = readCell(field, raw, ctx);
  if (r.ok) throw new Error(`expected a problem, read ${JSON.stringify(r.value)}`);
  return r.problem;
}

describe('dates: Excel serials, ISO and UK day-first text, exceljs Dates (never US order)', () => {
  it.each<[string, unknown, string]>([
    ['an Excel serial', 45717, '2025-03-01'],
    ['an Excel serial with a time of day', 45717.75, '2025-03-01'],
    ['a serial pasted as text', '45717', '2025-03-01'],
    ['an exceljs Date (UTC midnight)', new Date(Date.UTC(2025, 2, 1)), '2025-03-01'],
    ['ISO', '2025-03-01', '2025-03-01'],
    ['ISO with a midnight time', '2025-03-01T00:00:00Z', '2025-03-01'],
    ['UK dd/mm/yyyy (1 March, not 3 January)', '01/03/2025', '2025-03-01'],
    ['UK d/m/yyyy', '1/3/2025', '2025-03-01'],
    ['UK with dashes', '01-03-2025', '2025-03-01'],
    ['UK with dots', '01.03.2025', '2025-03-01'],
    ['UK day > 12', '31/12/2024', '2024-12-31'],
    ['UK with a midnight time (CSV export)', '01/03/2025 00:00:00', '2025-03-01'],
    ['UK with a time of day (its day, as a serial with a time is; our CSV writes a date-time cell so)', '01/03/2025 14:30', '2025-03-01'],
    ['UK with seconds and milliseconds', '01/03/2025 08:05:09.250', '2025-03-01'],
    ['ISO with a time of day', '2025-03-01T14:30:00Z', '2025-03-01'],
    ['ISO with a space and a time of day', '2025-03-01 23:59', '2025-03-01'],
    ['words', '1 March 2025', '2025-03-01'],
    ['compact ISO text (GIAS extracts)', '20250301', '2025-03-01'],
    ['compact ISO number', 20250301, '2025-03-01'],
    ['padded with non-breaking spaces', '\u00a001/03/2025 ', '2025-03-01'],
  ])('%s: %j is %s', (_what, raw, iso) => {
    expect(valueOf('inspectionDate', raw)).toBe(d(iso));
  });

  it.each<[string, unknown]>([
    ['US month-first', '12/31/2024'],
    ['a day that does not exist', '31/02/2024'],
    ['a two-digit year (1925 or 2025?)', '01/03/25'],
    ['words that are not a date', 'next week'],
    ['Excel\'s fictitious 29 February 1900', 60],
    ['a negative serial', -1],
    ['a yes/no', true],
    ['an 8-digit number that is no date', 20251345],
    ['a time of day that does not exist', '01/03/2025 24:30'],
    ['a time with no date', '14:30'],
    ['a 12-hour time, as US systems export month first (3 January or 1 March?)', '03/01/2025 2:30 PM'],
  ])('%s (%j) is unreadable-date', (_what, raw) => {
    expect(problemOf('inspectionDate', raw).kind).toBe('unreadable-date');
  });

  it('a date after the as-of date is a future-date problem where the field is in the past', () => {
    expect(problemOf('inspectionDate', '02/09/2025').kind).toBe('future-date');
    expect(valueOf('inspectionDate', '01/09/2025')).toBe(AS_OF);
  });

  it('every date is of a past event: after the as-of date it is refused, and the message names the as-of date', () => {
    for (const field of FIELD_KEYS.filter((k) => FIELDS[k].type.kind === 'date')) {
      const p = problemOf(field, '02/09/2025');
      expect(p.kind, field).toBe('future-date');
      expect(p.message, field).toMatch(/is after the as-of date; expected .*not after the as-of date \(01\/09\/2025\)\.$/);
    }
    // A head who starts next term is not in post yet.
    expect(problemOf('headteacherStartDate', '01/01/2026').kind).toBe('future-date');
    expect(valueOf('headteacherStartDate', '01/09/2025')).toBe(AS_OF);
  });
});

describe('yes/no', () => {
  it.each<[unknown, boolean]>([
    ['Yes', true], ['yes', true], ['YES', true], ['Y', true], ['y', true], ['TRUE', true], ['true', true], [true, true], [1, true], ['1', true],
    ['No', false], ['no', false], ['N', false], ['FALSE', false], [false, false], [0, false], ['0', false],
    [' Yes\u00a0', true],
  ])('%j -> %s', (raw, expected) => {
    expect(valueOf('attainmentConcern', raw)).toBe(expected);
  });

  it.each<[unknown, boolean]>([['Met', true], ['Effective', true], ['Not met', false], ['not-met', false], ['Ineffective', false], ['Not effective', false]])(
    'safeguarding also reads %j -> %s (its extra spellings)', (raw, expected) => {
      expect(valueOf('safeguardingEffective', raw)).toBe(expected);
    },
  );

  it.each<unknown>(['Maybe', 2, 'Yes/No', 'Met'])('%j is not-yes-no for an ordinary flag', (raw) => {
    expect(problemOf('attainmentConcern', raw).kind).toBe('not-yes-no');
  });
});

describe('grades: words, 1-4, RI, SM/SW, pre-2012 Satisfactory', () => {
  it.each<[unknown, string]>([
    ['Outstanding', 'outstanding'], ['good', 'good'], ['Requires improvement', 'requires-improvement'], ['Requires Improvement', 'requires-improvement'],
    ['Inadequate', 'inadequate'], [1, 'outstanding'], [2, 'good'], [3, 'requires-improvement'], [4, 'inadequate'], ['3', 'requires-improvement'],
    ['RI', 'requires-improvement'], ['ri', 'requires-improvement'], ['SM', 'special-measures'], ['SW', 'serious-weaknesses'],
    ['Special measures', 'special-measures'], ['Serious weaknesses', 'serious-weaknesses'], ['Satisfactory', 'satisfactory'],
    [{ richText: [{ text: 'Good' }] }, 'good'],
  ])('%j -> %s', (raw, expected) => {
    expect(valueOf('ofstedGrade', raw)).toBe(expected);
  });

  it.each<unknown>(['Excellent', 5, 0, '2.5', true, 'constructor'])('%j is unknown-value', (raw) => {
    expect(problemOf('ofstedGrade', raw).kind).toBe('unknown-value');
  });
});

describe('status, including GIAS establishment types; phase; trend', () => {
  it.each<[FieldKey, unknown, string]>([
    ['status', 'Maintained', 'maintained'], ['status', 'Academy', 'academy'],
    ['status', 'Community school', 'maintained'], ['status', 'Voluntary aided school', 'maintained'], ['status', 'Foundation school', 'maintained'],
    ['status', 'Local authority nursery school', 'maintained'], ['status', 'Maintained School', 'maintained'],
    ['status', 'Academy converter', 'academy'], ['status', 'Academy sponsor led', 'academy'], ['status', 'Free schools', 'academy'],
    ['status', 'Free schools 16 to 19', 'academy'], ['status', 'Academy 16-19 converter', 'academy'], ['status', 'University technical college', 'academy'],
    ['phase', 'Primary', 'primary'], ['phase', 'Middle deemed secondary', 'middle'], ['phase', '16 plus', 'post-16'], ['phase', 'All-through', 'all-through'],
    ['attainmentTrend', 'Improving', 'improving'], ['attainmentTrend', 'stable', 'stable'], ['attainmentTrend', 'Declining', 'declining'], ['attainmentTrend', 'Down', 'declining'],
  ])('%s: %j -> %s', (field, raw, expected) => {
    expect(valueOf(field, raw)).toBe(expected);
  });

  it('an independent school is neither maintained nor an academy', () => {
    expect(problemOf('status', 'Other independent school').kind).toBe('unknown-value');
  });
});

describe('numbers: range, whole numbers, percentages', () => {
  it.each<[FieldKey, unknown, number]>([
    ['bottomQuartileMeasures', 5, 5], ['bottomQuartileMeasures', '5', 5], ['bottomQuartileMeasures', 0, 0], ['bottomQuartileMeasures', 8, 8],
    ['bottomQuartileMeasures', ' 3 ', 3],
    ['ks4Progress8', -0.45, -0.45], ['ks4Progress8', '-0.45', -0.45], ['ks4Progress8', '+0.3', 0.3],
    ['permanentExclusions', '1,000', 1000],
  ])('%s: %j -> %s', (field, raw, expected) => {
    expect(valueOf(field, raw)).toBe(expected);
  });

  // The percentage rule (core/values.ts readNumber): "%" text as written; otherwise a value strictly
  // between 0 and 1 is a fraction (Excel's percent format holds 0.952 for 95.2%); 0, 1 and above as written.
  it.each<[unknown, number]>([
    [95.2, 95.2], ['95.2', 95.2], ['95.2%', 95.2], ['85 %', 85],
    [0.952, 95.2], ['0.952', 95.2], [0.857, 85.7],
    [1, 1], [0, 0], ['0.5%', 0.5], [100, 100],
  ])('attendance %j -> %s', (raw, expected) => {
    expect(valueOf('attendancePct', raw)).toBe(expected);
  });

  it.each<[FieldKey, unknown, ProblemKind]>([
    ['bottomQuartileMeasures', 9, 'out-of-range'],
    ['bottomQuartileMeasures', -1, 'out-of-range'],
    ['bottomQuartileMeasures', 2.5, 'not-whole-number'],
    ['bottomQuartileMeasures', 'five', 'not-a-number'],
    ['bottomQuartileMeasures', true, 'not-a-number'],
    ['bottomQuartileMeasures', Infinity, 'not-a-number'],
    ['attendancePct', 101, 'out-of-range'],
    ['attendancePct', '101%', 'out-of-range'],
    ['attendancePct', '95..2', 'not-a-number'],
    ['ks4Progress8', 7, 'out-of-range'],
  ])('%s: %j is %s', (field, raw, kind) => {
    expect(problemOf(field, raw).kind).toBe(kind);
  });
});

describe('URNs: six digits, 100000-999999', () => {
  it.each<[unknown, string]>([[123456, '123456'], ['123456', '123456'], [' 123456 ', '123456'], [100000, '100000'], [999999, '999999'], [123456.0, '123456']])(
    '%j -> %s', (raw, expected) => {
      expect(valueOf('urn', raw)).toBe(expected);
    },
  );

  it.each<unknown>([12345, '1234567', '099999', 123456.5, 'URN123456', '12 3456', true])('%j is invalid-urn', (raw) => {
    expect(problemOf('urn', raw).kind).toBe('invalid-urn');
  });
});

describe('text', () => {
  it('is trimmed of spaces and non-breaking spaces', () => {
    expect(valueOf('schoolName', '\u00a0 Hill Primary  ')).toBe('Hill Primary');
  });

  it('a number in a text column is read as its digits', () => {
    expect(valueOf('laestab', 9312345)).toBe('9312345');
  });

  it('longer than the field allows is text-too-long', () => {
    expect(valueOf('schoolName', 'x'.repeat(200))).toHaveLength(200);
    expect(problemOf('schoolName', 'x'.repeat(201)).kind).toBe('text-too-long');
  });
});

describe('blanks', () => {
  it.each<unknown>(['', '   ', '\u00a0', '\t\n', null, undefined, { richText: [] }])('%j is blank (undefined) for every kind of field', (raw) => {
    for (const field of ['urn', 'schoolName', 'inspectionDate', 'attainmentConcern', 'ofstedGrade', 'attendancePct'] as const) {
      expect(readCell(field, raw, ctx)).toEqual({ ok: true, value: undefined });
    }
  });
});

describe('Excel error values', () => {
  const ERRORS = ['#N/A', '#VALUE!', '#REF!', '#DIV/0!', '#NAME?', '#NUM!', '#NULL!', '#SPILL!', '#CALC!', '#GETTING_DATA'];

  it.each(ERRORS)('%s as text is excel-error in every kind of field, even text', (error) => {
    for (const field of ['urn', 'schoolName', 'inspectionDate', 'attainmentConcern', 'ofstedGrade', 'attendancePct'] as const) {
      const p = problemOf(field, error);
      expect(p.kind).toBe('excel-error');
      expect(p.value).toBe(error);
    }
  });

  it.each(ERRORS)('exceljs\'s { error: %j } is excel-error', (error) => {
    expect(problemOf('ofstedGrade', { error }).kind).toBe('excel-error');
  });

  it('a formula whose result is an error is excel-error; one with a value is read as that value', () => {
    expect(problemOf('inspectionDate', { formula: 'A1/0', result: { error: '#DIV/0!' } }).kind).toBe('excel-error');
    expect(valueOf('inspectionDate', { formula: 'DATE(2025,3,1)', result: new Date(Date.UTC(2025, 2, 1)) })).toBe(d('2025-03-01'));
  });

  it('recognises errors but not look-alikes', () => {
    expect(isExcelError({ error: '#N/A' })).toBe(true);
    expect(isExcelError(' #n/a ')).toBe(true);
    expect(isExcelError('#1 school')).toBe(false);
    expect(valueOf('schoolName', '#1 school')).toBe('#1 school');
  });
});

describe('plain cells: exceljs wrappers unwrapped', () => {
  it.each<[unknown, unknown]>([
    [{ richText: [{ text: 'A' }, { text: 'b ' }] }, 'Ab'],
    [{ text: 'Hill School', hyperlink: 'https://example.org' }, 'Hill School'],
    [{ formula: '1+1', result: 2 }, 2],
    [{ sharedFormula: 'A1', result: 'x' }, 'x'],
  ])('%j -> %j', (raw, expected) => {
    expect(plainCell(raw)).toEqual(expected);
  });
});

describe('every problem names the row, the column, the value and what was expected', () => {
  it.each<[ProblemKind, FieldKey, unknown]>([
    ['unreadable-date', 'inspectionDate', '12/31/2024'],
    ['unknown-value', 'ofstedGrade', 'Excellent'],
    ['not-yes-no', 'attainmentConcern', 'Maybe'],
    ['not-a-number', 'bottomQuartileMeasures', 'five'],
    ['out-of-range', 'bottomQuartileMeasures', 9],
    ['not-whole-number', 'bottomQuartileMeasures', 2.5],
    ['excel-error', 'ofstedGrade', '#N/A'],
    ['text-too-long', 'schoolName', 'x'.repeat(201)],
    ['invalid-urn', 'urn', '12345'],
  ])('%s (%s = %j)', (kind, field, raw) => {
    const p = readCell(field, raw, { row: 12, column: 'My header', asOf: AS_OF });
    expect(p.ok).toBe(false);
    if (p.ok) return;
    expect(p.problem).toMatchObject({ kind, row: 12, column: 'My header', field, value: raw, expected: describeExpected(field), severity: 'error' });
    expect(p.problem.message).toContain('Row 12');
    expect(p.problem.message).toContain('column "My header"');
    expect(p.problem.message).toContain(displayValue(raw));
    expect(p.problem.message).toContain(`expected ${describeExpected(field)}`);
  });

  it('a Date, or an Excel date\'s serial, after the as-of date is shown as the day the cell shows (dd/mm/yyyy), not as a serial', () => {
    for (const raw of [new Date(Date.UTC(2030, 0, 1)), toExcelSerial(fromIsoDate('2030-01-01')!)]) {
      const p = problemOf('inspectionDate', raw);
      expect(p.kind).toBe('future-date');
      expect(p.value).toBe(raw);
      expect(p.message).toMatch(/^Row \d+, column "[^"]+": 01\/01\/2030 is after the as-of date; /);
    }
  });

  it('an invalid Date never throws: it is unreadable as a date and kept as its text elsewhere', () => {
    expect(problemOf('inspectionDate', new Date(NaN)).message).toContain('"Invalid Date"');
    expect(valueOf('schoolName', new Date(NaN))).toBe('Invalid Date');
  });

  it('an exceljs error object is reported by its error text', () => {
    expect(problemOf('ofstedGrade', { error: '#REF!' }).message).toContain('"#REF!"');
  });
});

describe('what each field expects, in words', () => {
  it.each<[FieldKey, string[]]>([
    ['inspectionDate', ['a date as dd/mm/yyyy, yyyy-mm-dd or an Excel date', 'not after the as-of date']],
    ['headteacherStartDate', ['a date as dd/mm/yyyy, yyyy-mm-dd or an Excel date', 'not after the as-of date']],
    ['ofstedGrade', ['one of: Outstanding (1)', 'Good (2)', 'Requires improvement (3, RI)', 'Inadequate (4)', 'Special measures (SM', 'Serious weaknesses (SW', 'Satisfactory']],
    ['status', ['Maintained', 'Academy', 'GIAS establishment type', 'Community school']],
    ['attainmentConcern', ['Yes or No', 'Y/N', 'TRUE/FALSE', '1/0']],
    ['safeguardingEffective', ['Met', 'Not met']],
    ['attendancePct', ['a number from 0 to 100', '85%', '0.85']],
    ['bottomQuartileMeasures', ['a whole number from 0 to 8']],
    ['urn', ['6 digits']],
    ['schoolName', ['at most 200 characters']],
  ])('%s', (field, parts) => {
    const text = describeExpected(field);
    for (const part of parts) expect(text).toContain(part);
  });

  it('a future date is expected not after the as-of date, which the problem names', () => {
    const p = readCell('inspectionDate', '02/09/2025', { row: 12, column: 'My header', asOf: AS_OF });
    expect(p).toMatchObject({ ok: false, problem: { kind: 'future-date', row: 12, column: 'My header', value: '02/09/2025', expected: `${describeExpected('inspectionDate')} (01/09/2025)` } });
  });

  it('every field has one', () => {
    for (const field of FIELD_KEYS) expect(describeExpected(field).length).toBeGreaterThan(5);
  });
});

describe('the per-field reader', () => {
  it('is built once per field and reads like readCell', () => {
    expect(cellReader('ofstedGrade')).toBe(cellReader('ofstedGrade'));
    expect(cellReader('ofstedGrade')('RI', ctx)).toEqual(readCell('ofstedGrade', 'RI', ctx));
  });
});

describe('a formula saved without its calculated value is a problem on its cell, never a blank', () => {
  it.each<[string, unknown, string]>([
    ['a formula', { formula: 'B7/C7' }, '"=B7/C7"'],
    ['a formula with a leading "="', { formula: '=B7/C7' }, '"=B7/C7"'],
    ['a shared formula', { sharedFormula: 'A2' }, '"=A2"'],
    ['a formula whose result is undefined', { formula: 'SUM(A1:A3)', result: undefined }, '"=SUM(A1:A3)"'],
  ])('%s: %j', (_what, raw, shown) => {
    expect(plainCell(raw)).toBeInstanceOf(UncalculatedFormula);
    for (const field of ['attendancePct', 'inspectionDate', 'attainmentConcern', 'ofstedGrade', 'urn', 'schoolName'] as const) {
      const p = problemOf(field, raw);
      expect(p).toMatchObject({ kind: 'formula-not-calculated', severity: 'error', row: 7, column: 'The column', field });
      expect(p.message).toBe(`Row 7, column "The column": ${shown} is a formula not calculated: open and save the file in Excel; expected ${describeExpected(field)}.`);
    }
  });

  it('a formula with its calculated value is read as that value, even a blank one', () => {
    expect(valueOf('attendancePct', { formula: 'B7/C7', result: 0.95 })).toBe(95);
    expect(valueOf('attendancePct', { formula: 'IF(A1,"",1)', result: '' })).toBeUndefined();
  });
});

describe('a number that is not a number (NaN) is refused, never read as a blank', () => {
  it.each<[FieldKey, ProblemKind]>([
    ['inspectionDate', 'unreadable-date'], ['attendancePct', 'not-a-number'], ['attainmentConcern', 'not-yes-no'], ['ofstedGrade', 'unknown-value'], ['urn', 'invalid-urn'],
  ])('%s: NaN is %s', (field, kind) => {
    const p = problemOf(field, NaN);
    expect(p.kind).toBe(kind);
    expect(p.message).toContain(': NaN ');
  });
});

describe('word values: a mark added to a value refuses it', () => {
  it.each<[FieldKey, unknown]>([
    ['ofstedGrade', 'Good*'], ['ofstedGrade', 'Good?'], ['ofstedGrade', '"Good"'], ['ofstedGrade', 'Good!'], ['phase', 'Primary*'],
    ['attainmentConcern', 'Yes*'], ['attainmentConcern', 'No?'], ['safeguardingEffective', 'Met*'],
  ])('%s: %j is refused', (field, raw) => {
    expect(['unknown-value', 'not-yes-no']).toContain(problemOf(field, raw).kind);
  });

  it.each<[FieldKey, unknown, unknown]>([
    ['ungradedOutcome', 'School remains Good (Concerns) - S5 Next', 'concerns-graded-next'],
    ['status', 'Academy 16-19 converter', 'academy'], ['phase', 'Middle deemed secondary', 'middle'], ['safeguardingEffective', 'Not met', false],
    ['ofstedGrade', 'Good.', 'good'],
  ])('%s: Ofsted\'s and GIAS\'s own punctuation is still read (%j)', (field, raw, expected) => {
    expect(valueOf(field, raw)).toBe(expected);
  });
});

/** The values an expected text offers: "one of: A (1, X), B" -> A (1, X), A, 1, X, B; "Yes or No (also Y/N, 1/0)" -> Yes, No, Y, N, 1, 0. */
function offeredValues(expected: string): string[] {
  const out: string[] = [];
  const enumList = /^one of: (.*?)(?:; or a GIAS .*)?$/.exec(expected);
  if (enumList) {
    // Items are separated by commas outside parentheses.
    for (const item of enumList[1]!.split(/,\s(?![^()]*\))/)) {
      out.push(item);
      const m = /^(.*?) \((.*)\)$/.exec(item);
      if (m) out.push(m[1]!, ...m[2]!.split(', '));
    }
    for (const example of expected.matchAll(/"([^"]+)"/g)) out.push(example[1]!);
    return out;
  }
  const yesNo = /^Yes or No \(also (.*)\)$/.exec(expected);
  if (yesNo) return ['Yes', 'No', ...yesNo[1]!.split(/, |\//)];
  return out;
}

describe('every value a message offers as valid is read', () => {
  const worded = FIELD_KEYS.filter((k) => FIELDS[k].type.kind === 'enum' || FIELDS[k].type.kind === 'yesNo');

  it.each(worded)('%s', (field) => {
    const offered = offeredValues(describeExpected(field));
    expect(offered.length, describeExpected(field)).toBeGreaterThan(1);
    for (const value of offered) expect(readCell(field, value, ctx), `${field}: ${value}`).toMatchObject({ ok: true });
  });

  it('"Outstanding (1)", copied from the message, is Outstanding; "Good (3)" is not a grade', () => {
    expect(valueOf('ofstedGrade', 'Outstanding (1)')).toBe('outstanding');
    expect(valueOf('ofstedGrade', 'Requires improvement (3, RI)')).toBe('requires-improvement');
    expect(problemOf('ofstedGrade', 'Good (3)').kind).toBe('unknown-value');
  });
});

describe('commas in numbers', () => {
  it.each<[unknown, number]>([['1,000', 1000], ['1,000.0', 1000], ['+1,000', 1000]])('%j is a number with thousands separators: %s', (raw, expected) => {
    expect(valueOf('suspensionRate', raw)).toBe(expected);
  });

  it.each<unknown>(['95,1', '1,00', '9,5%', '1,2,3'])('%j is refused, not read as if the comma were not there', (raw) => {
    expect(problemOf('attendancePct', raw).kind).toBe('not-a-number');
  });
});

/** Cells near every edge the quick read of a column decides on: spaces, error texts, serial and range limits, fractions. */
const edgeCellArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(
    fc.constantFrom('', ' ', '\u00a0', '\t', '\u2003', '\ufeff', '#', '*'),
    fc.constantFrom('Yes', 'no', 'Y', '1', 'Good', 'RI', 'Outstanding', 'Primary', 'Community school', 'improving', 'A', 'C', 'SUPP', 'NULL',
      '01/09/2024', '2025-03-01', '45717', '20250301', '85%', '0.85', '1,000', '#N/A', 'Ashby Lane Primary School', '123456', 'a\u00a0b', 'x'.repeat(300), ''),
    fc.constantFrom('', ' ', '\u00a0', '\n', '\u3000', '?'),
  ).map(([a, b, c]) => a + b + c),
  fc.string(),
  fc.constantFrom(0, -0, 1, 0.5, 0.999, 1.5, 60, 60.9, 61, 2_958_465, 2_958_465.5, 2_958_466, 9_999_999, 20_250_301, 99_999_999, 100_000, 999_999, 1_000_000,
    45_900, 45_901.25, 46_000, 46_800, -1, 101, NaN, Infinity, -Infinity),
  fc.double(),
  fc.integer({ min: -10, max: 3_000_000 }),
  fc.boolean(),
  fc.constantFrom(null, undefined, new Date(Date.UTC(2025, 2, 1)), { error: '#N/A' }, { richText: [{ text: 'Good' }] }, { formula: 'A1', result: 3 }, { formula: 'A1' }),
);

describe('the quick read of a register\'s column (QuickColumn, quickRead, fullRead)', () => {
  it('gives, for every field and any cells, each read twice, exactly what the field\'s own reader gives', () => {
    for (const field of FIELD_KEYS) {
      const read = valueReader(field);
      fc.assert(fc.property(fc.array(edgeCellArb, { maxLength: 40 }), fc.constantFrom(AS_OF, d('2030-01-01'), d('2000-01-01')), (cells, asOf) => {
        const column = new QuickColumn(field, asOf);
        for (const raw of [...cells, ...cells]) {
          const quick = quickRead(column, raw);
          const value = quick === NOT_QUICK ? fullRead(column, raw, 9, 'Col', asOf) : quick;
          expect(value, `${field} ${JSON.stringify(raw)}`).toStrictEqual(read(raw, 9, 'Col', asOf));
        }
      }), { numRuns: 60 });
    }
  });
  it.each<[FieldKey, unknown]>([
    ['schoolName', ' Ashby'], ['schoolName', 'Ashby\u00a0Lane'], ['schoolName', '#N/A'], ['schoolName', 'x'.repeat(300)], ['schoolName', 'Ashby\u2003'],
    ['ofstedGrade', ' Good'], ['ofstedGrade', 'Good*'], ['ofstedGrade', 2], ['safeguardingEffective', true], ['safeguardingEffective', 0],
    ['inspectionDate', 60], ['inspectionDate', 20_250_301], ['inspectionDate', 2_958_466], ['inspectionDate', 46_800], ['inspectionDate', '01/09/2024'],
    ['attendancePct', 0.853], ['attendancePct', 101], ['permanentExclusions', 1.5], ['urn', 99_999], ['urn', 123_456.5],
  ])('%s %j: as the field\'s reader, first time and again', (field, raw) => {
    const column = new QuickColumn(field, AS_OF);
    const read = () => { const q = quickRead(column, raw); return q === NOT_QUICK ? fullRead(column, raw, 9, 'Col', AS_OF) : q; };
    const expected = valueReader(field)(raw, 9, 'Col', AS_OF);
    expect(read()).toStrictEqual(expected);
    expect(read()).toStrictEqual(expected);
  });
});
