import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../core/dates';
import { FIELDS, FIELD_KEYS, type FieldKey, type FieldType } from '../../core/fields';
import { applyMappingOverrides, mapHeaders } from '../../core/headers';
import { readRegister, registerReader } from '../../core/record';
import { checkRecord, schoolRecordSchema } from '../../core/recordSchema';
import type { Problem } from '../../core/problems';

const d = (iso: string) => fromIsoDate(iso) as CalendarDate;
const asOf = d('2025-09-01');

const HEADER = ['URN', 'School name', 'Phase', 'Status', 'Ofsted grade', 'Inspection date', 'Safeguarding effective', 'Headteacher start date', 'Attainment concern', 'Bottom-quartile measures', 'Notes'];

describe('reading a register', () => {
  const rows = [
    [100001, 'Hill Primary', 'Primary', 'Community school', 'RI', '01/03/2023', 'Yes', 45000, 'Y', 5, 'anything'],
    [],
    ['100002', 'Vale Academy', 'Secondary', 'Academy converter', 2, 45717, 'TRUE', '2019-09-01', 'No', '0', null],
  ];
  const read = readRegister(HEADER, rows, { asOf, headerRowNumber: 3 });

  it('gives one record per row, aligned with the rows, null for a fully blank row', () => {
    expect(read.records).toHaveLength(3);
    expect(read.records[1]).toBeNull();
  });

  it('numbers each record by its sheet row (header row + 1 + index)', () => {
    expect(read.records[0]!.row).toBe(4);
    expect(read.records[2]!.row).toBe(6);
  });

  it('reads every mapped cell to its typed value and ignores unmapped columns', () => {
    expect(read.records[0]).toEqual({
      row: 4, urn: '100001', schoolName: 'Hill Primary', phase: 'primary', status: 'maintained', ofstedGrade: 'requires-improvement',
      inspectionDate: d('2023-03-01'), safeguardingEffective: true, headteacherStartDate: d('2023-03-15'), attainmentConcern: true, bottomQuartileMeasures: 5,
    });
    expect(read.records[2]).toMatchObject({ urn: '100002', status: 'academy', ofstedGrade: 'good', inspectionDate: d('2025-03-01'), bottomQuartileMeasures: 0 });
    expect(read.problems).toEqual([]);
  });

  it('treats rows of blanks, spaces and non-breaking spaces as fully blank', () => {
    const r = readRegister(HEADER, [['', '  ', null, undefined, '\u00a0']], { asOf, headerRowNumber: 1 });
    expect(r.records).toEqual([null]);
    expect(r.problems).toEqual([]);
  });

  it('reading only some columns, a row blank in those but not elsewhere is a row (its URN missing), and a row blank everywhere is not', () => {
    const only = { asOf, headerRowNumber: 1, fields: new Set<FieldKey>(['urn', 'ofstedGrade']) };
    const r = readRegister(HEADER, [['', '', '', '', ' ', '', '', '', '', '', 'a note'], ['\u00a0', '', '', '', '', '', '', '', '', '', { richText: [] }]], only);
    expect(r.records[0]).toMatchObject({ row: 2 });
    expect(r.records[1]).toBeNull();
    expect(r.problems.map((p) => [p.row, p.kind])).toEqual([[2, 'missing-value']]);
  });
});

describe('one bad cell never stops the other cells or rows', () => {
  const read = readRegister(HEADER, [
    [100001, 'Hill Primary', 'Primary', 'Maintained', 'Excellent', '12/31/2024', 'Maybe', '', '#N/A', 9, ''],
    [100002, 'Vale', 'Primary', 'Academy', 'Good', '01/09/2024', 'Yes', '', 'No', 3, ''],
  ], { asOf, headerRowNumber: 1 });

  it('leaves each bad field blank and keeps the good ones', () => {
    expect(read.records[0]).toEqual({ row: 2, urn: '100001', schoolName: 'Hill Primary', phase: 'primary', status: 'maintained' });
    expect(read.records[1]).toMatchObject({ row: 3, ofstedGrade: 'good', bottomQuartileMeasures: 3 });
  });

  it('gives one problem per bad cell, each on its row and column', () => {
    expect(read.problems.map((p) => [p.row, p.column, p.kind])).toEqual([
      [2, 'Ofsted grade', 'unknown-value'],
      [2, 'Inspection date', 'unreadable-date'],
      [2, 'Safeguarding effective', 'not-yes-no'],
      [2, 'Attainment concern', 'excel-error'],
      [2, 'Bottom-quartile measures', 'out-of-range'],
    ]);
  });
});

describe('a formula saved without its calculated value (as the .xlsx reader gives it: { formula })', () => {
  const read = readRegister(HEADER, [
    [100001, 'Hill Primary', 'Primary', 'Maintained', { formula: 'VLOOKUP(A2,Ofsted!A:C,3,FALSE)' }, '01/03/2023', 'Yes', '', 'No', 3, ''],
    ['', '', '', '', '', '', '', '', { formula: 'B3&""' }, '', ''],
  ], { asOf, headerRowNumber: 1 });

  it('is a problem on its cell, naming the formula and what to do; the cell is never read as blank', () => {
    expect(read.problems[0]).toMatchObject({ kind: 'formula-not-calculated', row: 2, column: 'Ofsted grade', value: '=VLOOKUP(A2,Ofsted!A:C,3,FALSE)', severity: 'error' });
    expect(read.problems[0]!.message).toMatch(/^Row 2, column "Ofsted grade": "=VLOOKUP\(A2,Ofsted!A:C,3,FALSE\)" is a formula not calculated: open and save the file in Excel; expected one of: /);
    expect(read.records[0]!.ofstedGrade).toBeUndefined();
  });

  it('a row whose only content is such a formula is a row, not a blank one', () => {
    expect(read.records[1]).not.toBeNull();
    expect(read.problems.map((p) => [p.row, p.column, p.kind])).toContainEqual([3, 'Attainment concern', 'formula-not-calculated']);
  });
});

describe('URNs identify rows', () => {
  it('a URN seen on an earlier row is a duplicate-urn error on the later row, naming the first', () => {
    const r = readRegister(['URN'], [[100001], [100002], ['100001']], { asOf, headerRowNumber: 1 });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'duplicate-urn', severity: 'error', row: 4, column: 'URN', value: '100001' });
    expect(r.problems[0]!.message).toContain('row 2');
  });

  it('in a long register too, whether the first was read before or after the register grew long (the URNs by number), and for the lowest and highest URNs', () => {
    const urns = Array.from({ length: 1200 }, (_, i) => 100_001 + 7 * i);
    urns[600] = 999_999;
    urns[601] = 100_000;
    const repeats = [urns[3]!, urns[1000]!, 999_999, 100_000, urns[1199]!];
    const r = readRegister(['URN'], [...urns, ...repeats].map((u) => [u]), { asOf, headerRowNumber: 1 });
    expect(r.problems.map((p) => [p.kind, p.row, p.value])).toEqual(repeats.map((u, k) => ['duplicate-urn', 1202 + k, String(u)]));
    expect(r.problems.map((p) => /row (\d+)/.exec(p.message)![1])).toEqual(['5', '1002', '602', '603', '1201']);
  });

  it('a URN only noted (noteUrn), not read, is found repeated by a later row read, in a long register', () => {
    const reader = registerReader(['URN'], { asOf, headerRowNumber: 1 });
    for (let i = 0; i < 1000; i++) reader.noteUrn([100_000 + i], i);
    const problems: Problem[] = [];
    reader.read([100_700], 1000, problems);
    reader.read([100_001], 1001, problems);
    reader.read([200_000], 1002, problems);
    expect(problems.map((p) => [p.kind, p.row, /row (\d+)/.exec(p.message)![1]])).toEqual([['duplicate-urn', 1002, '702'], ['duplicate-urn', 1003, '3']]);
  });

  it('a row without a URN is a missing-value error', () => {
    const r = readRegister(['URN', 'School name'], [['', 'Hill Primary']], { asOf, headerRowNumber: 1 });
    expect(r.records[0]).toEqual({ row: 2, schoolName: 'Hill Primary' });
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ kind: 'missing-value', severity: 'error', row: 2, column: 'URN' });
  });

  it('an unreadable URN is invalid-urn, not also missing', () => {
    const r = readRegister(['URN'], [['12345']], { asOf, headerRowNumber: 1 });
    expect(r.problems.map((p) => p.kind)).toEqual(['invalid-urn']);
  });

  it('without a URN column no row is blamed (the register run reports the missing column)', () => {
    expect(readRegister(['School name'], [['Hill']], { asOf, headerRowNumber: 1 }).problems).toEqual([]);
  });
});

describe('the header mapping', () => {
  it('passes on duplicate-header problems of the header row', () => {
    const r = readRegister(['URN', 'School URN'], [[100001, 100002]], { asOf, headerRowNumber: 5 });
    expect(r.mapping.problems.map((p) => [p.kind, p.row])).toEqual([['duplicate-header', 5]]);
    expect(r.records[0]!.urn).toBe('100001');
  });

  it('uses a corrected mapping when given one, and names problems by the column\'s own header', () => {
    const mapping = applyMappingOverrides(mapHeaders(['URN', 'Grade'], { headerRowNumber: 1 }), { ofstedGrade: 1 });
    const r = readRegister(['URN', 'Grade'], [[100001, 'RI'], [100002, 'Great']], { asOf, headerRowNumber: 1, mapping });
    expect(r.records[0]!.ofstedGrade).toBe('requires-improvement');
    expect(r.problems[0]).toMatchObject({ row: 3, column: 'Grade', kind: 'unknown-value' });
  });
});

describe('the zod schema of a record', () => {
  it('has one entry per field, plus row', () => {
    expect(Object.keys(schoolRecordSchema.shape).sort()).toEqual(['row', ...FIELD_KEYS].sort());
  });

  it.each<[string, unknown]>([
    ['a minimal record', { row: 2 }],
    ['a full-ish record', { row: 2, urn: '100001', ofstedGrade: 'good', inspectionDate: 19417, attainmentConcern: false, attendancePct: 95.2, bottomQuartileMeasures: 3, areaLeadership: 'B' }],
  ])('accepts %s', (_what, value) => {
    expect(checkRecord(value).ok).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['a 5-digit URN', { row: 2, urn: '12345' }, 'urn'],
    ['a grade outside the scale', { row: 2, ofstedGrade: 'excellent' }, 'ofstedGrade'],
    ['a fractional date', { row: 2, inspectionDate: 1.5 }, 'inspectionDate'],
    ['a count above its maximum', { row: 2, bottomQuartileMeasures: 9 }, 'bottomQuartileMeasures'],
    ['a yes/no given as text', { row: 2, attainmentConcern: 'yes' }, 'attainmentConcern'],
    ['an unknown property', { row: 2, colour: 'red' }, ''],
    ['no row', { urn: '100001' }, 'row'],
  ])('rejects %s, naming the field', (_what, value, path) => {
    const checked = checkRecord(value);
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(checked.issues.join('\n')).toContain(path);
  });
});

/** Cells as registers hold them: real spellings, noise, numbers, booleans, dates, blanks and errors. */
const cellArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom('Yes', 'No', 'Y', 'n', 'TRUE', '1', '0', 'Good', 'RI', 'SM', '3', 'Satisfactory', 'Community school', 'Academy converter', 'Primary',
    '01/03/2024', '12/31/2024', '2025-03-01', '31/02/2024', '45717', '85%', '0.85', '#N/A', '#DIV/0!', '', '  ', '\u00a0', 'constructor', '__proto__', 'improving'),
  fc.string(),
  fc.integer({ min: -10, max: 3_000_000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date({ min: new Date(Date.UTC(1890, 0, 1)), max: new Date(Date.UTC(2100, 0, 1)), noInvalidDate: false }),
  fc.constantFrom({ error: '#N/A' }, { error: '#REF!' }, { richText: [{ text: 'Good' }] }, { formula: 'A1', result: 3 }, { text: 'x', hyperlink: 'y' }, {}, []),
);
const PROPERTY_HEADER = FIELD_KEYS.map((k) => FIELDS[k].label);

describe('properties: any row of arbitrary cells', () => {
  it('gives a record (or null when blank) and problems, never throws; every record passes the schema', () => {
    fc.assert(fc.property(fc.array(fc.array(cellArb, { maxLength: PROPERTY_HEADER.length + 2 }), { maxLength: 6 }), (rows) => {
      const r = readRegister(PROPERTY_HEADER, rows, { asOf, headerRowNumber: 1 });
      expect(r.records).toHaveLength(rows.length);
      r.records.forEach((rec, i) => {
        if (rec === null) return;
        expect(rec.row).toBe(2 + i);
        expect(schoolRecordSchema.safeParse(rec).success).toBe(true);
      });
      for (const p of r.problems) {
        // A column's reading (a percentage column of only 0s and 1s) is said on the column, once: row 0.
        if (p.row === 0) {
          expect(p.severity).toBe('warning');
          expect(p.message).toMatch(/^Column "/);
          continue;
        }
        expect(p.row).toBeGreaterThanOrEqual(2);
        expect(p.message).toContain(`Row ${p.row}`);
      }
    }), { numRuns: 300 });
  });

  it('each non-blank mapped cell gives either a field value or a problem on its row, never both or neither', () => {
    fc.assert(fc.property(fc.array(cellArb, { minLength: PROPERTY_HEADER.length, maxLength: PROPERTY_HEADER.length }), (cells) => {
      const r = readRegister(PROPERTY_HEADER, [cells], { asOf, headerRowNumber: 1 });
      const rec = r.records[0];
      if (rec === null) return;
      FIELD_KEYS.forEach((field, i) => {
        const hasValue = (rec as Record<string, unknown>)[field] !== undefined;
        // The cell's own problems, not its column's reading (said on row 0).
        const cellProblems = r.problems.filter((p) => p.field === field && p.kind !== 'missing-value' && p.row > 0);
        const blank = hasValue === false && cellProblems.length === 0;
        if (blank) return; // a blank cell: neither
        expect(hasValue !== (cellProblems.length > 0), `${field} = ${JSON.stringify(cells[i])}`).toBe(true);
      });
    }), { numRuns: 300 });
  });
});

/** A plausible cell for each type, so the timing measures reading rather than problem-building. */
function plausible(type: FieldType, i: number): unknown {
  switch (type.kind) {
    case 'urn': return 100_000 + i;
    case 'text': return `School ${i}`;
    case 'date': return i % 2 ? 44_000 + (i % 900) : '01/03/2023';
    case 'yesNo': return i % 3 ? 'Yes' : 'N';
    case 'enum': return type.values[i % type.values.length];
    case 'number': return i % 2 ? type.min : String(type.max);
  }
}

describe('speed', () => {
  it('reads 25,000 rows x 40 columns in well under a second', () => {
    const keys = FIELD_KEYS.slice(0, 40) as FieldKey[];
    const header = keys.map((k) => FIELDS[k].label);
    const rows = Array.from({ length: 25_000 }, (_, i) => keys.map((k) => plausible(FIELDS[k].type as FieldType, i)));
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = performance.now();
      const r = readRegister(header, rows, { asOf, headerRowNumber: 1 });
      best = Math.min(best, performance.now() - t0);
      expect(r.problems).toEqual([]);
      expect(r.records[24_999]!.urn).toBe('124999');
    }
    expect(best).toBeLessThan(1000);
  });
});
