import { describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../core/dates';
import type { FieldKey } from '../../core/fields';
import { MISSING_MARKERS, missingMarker } from '../../core/missingMarkers';
import { readRegister } from '../../core/record';
import { readCell } from '../../core/values';

const AS_OF = fromIsoDate('2025-09-01') as CalendarDate;
const ctx = { row: 4, column: 'KS2 RWM expected %', asOf: AS_OF };

describe('missing-data codes (NULL, SUPP, LOWCOV, x, c, ..) are blank, with a note', () => {
  it('the list is the documented one, each code with its meaning and source', () => {
    expect(MISSING_MARKERS.map((m) => m.code)).toEqual(['NULL', 'NA', 'N/A', 'SUPP', 'LOWCOV', 'NE', 'x', 'c', '..', '-']);
    for (const m of MISSING_MARKERS) {
      expect(m.meaning.length, m.code).toBeGreaterThan(5);
      expect(m.source.length, m.code).toBeGreaterThan(10);
    }
  });

  it.each(MISSING_MARKERS.map((m) => m.code))('%s in a percentage column: a warning naming row, column and code, the cell blank', (code) => {
    const r = readCell('ks2RwmExpectedPct', code, ctx);
    expect(r).toMatchObject({ ok: false, problem: { kind: 'missing-marker', severity: 'warning', row: 4, column: 'KS2 RWM expected %', value: code } });
    if (r.ok) return;
    expect(r.problem.message).toMatch(new RegExp(`^Row 4, column "KS2 RWM expected %": "${code.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" is a missing-data code, read as blank; expected a number from 0 to 100`));
    expect(r.problem.message).toContain(`means ${missingMarker(code)!.meaning}`);
  });

  it.each<[FieldKey, string]>([['inspectionDate', 'NULL'], ['ofstedGrade', 'NULL'], ['attainmentConcern', 'N/A'], ['ks4Progress8', 'SUPP'], ['ks2ReadingProgress', 'LOWCOV'], ['bottomQuartileMeasures', 'x'], ['areaLeadership', 'NULL']])(
    'in every kind of field: %s %j', (field, code) => {
      expect(readCell(field, code, ctx)).toMatchObject({ ok: false, problem: { kind: 'missing-marker', severity: 'warning' } });
    },
  );

  it('case does not matter; a code inside other text is no code', () => {
    expect(readCell('attendancePct', 'null', ctx)).toMatchObject({ ok: false, problem: { kind: 'missing-marker' } });
    expect(readCell('attendancePct', 'Supp', ctx)).toMatchObject({ ok: false, problem: { kind: 'missing-marker' } });
    expect(readCell('attendancePct', 'NULL value', ctx)).toMatchObject({ ok: false, problem: { kind: 'not-a-number' } });
  });

  it('a code that is one of the field\'s own values keeps that meaning', () => {
    // C is a Southwark area grade; N/A is "no category of concern"; text keeps its text.
    expect(readCell('areaLeadership', 'c', ctx)).toEqual({ ok: true, value: 'C' });
    expect(readCell('categoryOfConcern', 'N/A', ctx)).toEqual({ ok: true, value: 'none' });
    expect(readCell('schoolName', 'x', ctx)).toEqual({ ok: true, value: 'x' });
  });

  it('in a register the cell is blank and the row keeps its other values', () => {
    const read = readRegister(['URN', 'KS2 RWM expected %', 'Attendance %'], [[100001, 'SUPP', 95]], { asOf: AS_OF, headerRowNumber: 1 });
    expect(read.records[0]).toMatchObject({ urn: '100001', attendancePct: 95 });
    expect(read.records[0]!.ks2RwmExpectedPct).toBeUndefined();
    expect(read.problems).toEqual([expect.objectContaining({ kind: 'missing-marker', severity: 'warning', row: 2, column: 'KS2 RWM expected %', value: 'SUPP' })]);
  });
});
