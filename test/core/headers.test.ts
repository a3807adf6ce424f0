import { describe, expect, it } from 'vitest';
import { FIELDS, FIELD_KEYS, type FieldKey } from '../../core/fields';
import { AliasClashError, applyMappingOverrides, buildAliasIndex, fieldForHeader, mapHeaders } from '../../core/headers';

describe('the headers issue 3 §1 names are recognised exactly as written', () => {
  it.each<[string, FieldKey]>([
    ['URN', 'urn'],
    ['School name', 'schoolName'],
    ['Phase', 'phase'],
    ['Status', 'status'],
    ['Ofsted grade', 'ofstedGrade'],
    ['Inspection date', 'inspectionDate'],
    ['Safeguarding effective', 'safeguardingEffective'],
    ['Headteacher start date', 'headteacherStartDate'],
    ['Attainment concern', 'attainmentConcern'],
    ['Progress concern', 'progressConcern'],
    ['Attendance concern', 'attendanceConcern'],
    ['Exclusions concern', 'exclusionsConcern'],
    ['Leadership concern', 'leadershipConcern'],
    ['Governance concern', 'governanceConcern'],
    ['Safeguarding concern', 'safeguardingConcern'],
    ['Attainment trend', 'attainmentTrend'],
    ['Bottom-quartile measures', 'bottomQuartileMeasures'],
  ])('%s -> %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it('maps the whole issue header row in one call, each to its own column', () => {
    const row = ['URN', 'School name', 'Phase', 'Status', 'Ofsted grade', 'Inspection date', 'Safeguarding effective', 'Headteacher start date', 'Attainment concern', 'Progress concern', 'Attendance concern', 'Exclusions concern', 'Leadership concern', 'Governance concern', 'Safeguarding concern', 'Attainment trend', 'Bottom-quartile measures'];
    const m = mapHeaders(row);
    expect(m.problems).toEqual([]);
    expect(m.unused).toEqual([]);
    expect(Object.keys(m.byField)).toHaveLength(row.length);
    expect(m.byField.bottomQuartileMeasures).toBe(16);
  });
});

describe('matching ignores case, spaces and punctuation', () => {
  it.each<[unknown, FieldKey]>([
    ['OFSTED GRADE', 'ofstedGrade'],
    ['ofsted-grade:', 'ofstedGrade'],
    ['  Inspection   Date ', 'inspectionDate'],
    ['Inspection\u00a0date', 'inspectionDate'],
    ['bottom quartile measures', 'bottomQuartileMeasures'],
    ['School_Name', 'schoolName'],
    ['TypeOfEstablishment (name)', 'status'],
    ['OfstedLastInsp', 'inspectionDate'],
    ['Attendance %', 'attendancePct'],
    [{ richText: [{ text: 'Ofsted ' }, { text: 'grade' }] }, 'ofstedGrade'],
  ])('%j -> %s', (header, field) => {
    expect(fieldForHeader(header)).toBe(field);
  });

  it('gives null for headers that name no field, and for non-text cells', () => {
    expect(fieldForHeader('Notes')).toBeNull();
    expect(fieldForHeader(null)).toBeNull();
    expect(fieldForHeader(true)).toBeNull();
  });

  it('every field is found by its own label and by each of its aliases (the catalogue is consistent)', () => {
    for (const key of FIELD_KEYS) {
      expect(fieldForHeader(FIELDS[key].label), FIELDS[key].label).toBe(key);
      for (const alias of FIELDS[key].aliases) expect(fieldForHeader(alias), alias).toBe(key);
    }
  });
});

describe('the mapping of a header row', () => {
  it('keeps each column index, ignores blank header cells and lists unknown headers as unused', () => {
    const m = mapHeaders(['URN', null, '', '   ', 'Notes', 'Ofsted grade', undefined, '\u00a0']);
    expect(m.columns).toEqual([
      { index: 0, header: 'URN', field: 'urn' },
      { index: 4, header: 'Notes', field: null },
      { index: 5, header: 'Ofsted grade', field: 'ofstedGrade' },
    ]);
    expect(m.byField).toEqual({ urn: 0, ofstedGrade: 5 });
    expect(m.unused).toEqual([{ index: 4, header: 'Notes' }]);
    expect(m.problems).toEqual([]);
  });

  it('trims the header text it reports', () => {
    expect(mapHeaders(['  URN\u00a0']).columns[0]!.header).toBe('URN');
  });

  it('a field claimed by two columns: first wins, the later is a duplicate-header problem on the header row', () => {
    const m = mapHeaders(['URN', 'Ofsted grade', 'School URN', 'Overall effectiveness'], { headerRowNumber: 4 });
    expect(m.byField.urn).toBe(0);
    expect(m.byField.ofstedGrade).toBe(1);
    expect(m.unused).toEqual([{ index: 2, header: 'School URN' }, { index: 3, header: 'Overall effectiveness' }]);
    expect(m.problems.map((p) => [p.kind, p.row, p.column, p.field])).toEqual([
      ['duplicate-header', 4, 'School URN', 'urn'],
      ['duplicate-header', 4, 'Overall effectiveness', 'ofstedGrade'],
    ]);
    expect(m.problems[0]!.message).toContain('Row 4, column "School URN"');
    expect(m.problems[0]!.message).toContain('"URN" is used');
  });

  it('the header row number defaults to 1', () => {
    expect(mapHeaders(['URN', 'URN']).problems[0]!.row).toBe(1);
  });
});

describe('the alias index', () => {
  it('throws a named error when two fields share a normalised alias (a programming error)', () => {
    expect(() => buildAliasIndex({ a: { aliases: ['Ofsted grade'] }, b: { aliases: ['OFSTED-grade'] } })).toThrow(AliasClashError);
    expect(() => buildAliasIndex({ a: { aliases: ['x'] }, b: { aliases: ['A'] } })).toThrow(/claimed by both a and b/);
  });

  it('allows one field to repeat its own alias', () => {
    const index = buildAliasIndex({ urn: { aliases: ['URN', 'urn', 'U.R.N.'] } });
    expect(index.get('urn')).toBe('urn');
  });
});

describe('the analyst corrects a mapping', () => {
  const base = mapHeaders(['URN', 'Grade', 'Ofsted grade', 'Notes', 'Overall effectiveness'], { headerRowNumber: 2 });

  it('moves a field to another column; that column then maps to that field only', () => {
    const m = applyMappingOverrides(base, { ofstedGrade: 1 });
    expect(m.byField.ofstedGrade).toBe(1);
    expect(m.columns.find((c) => c.index === 2)!.field).toBeNull();
    expect(m.unused.map((u) => u.index)).toEqual([2, 3, 4]);
  });

  it('maps a column to a field that had none, taking the column from its previous field', () => {
    const m = applyMappingOverrides(base, { schoolName: 0 });
    expect(m.byField.schoolName).toBe(0);
    expect(m.byField.urn).toBeUndefined();
  });

  it('unmaps a field with null', () => {
    const m = applyMappingOverrides(base, { ofstedGrade: null });
    expect(m.byField.ofstedGrade).toBeUndefined();
    expect(m.columns.every((c) => c.field !== 'ofstedGrade')).toBe(true);
  });

  it('ignores an index that is not a column of the header row', () => {
    expect(applyMappingOverrides(base, { schoolName: 99 }).byField).toEqual(base.byField);
    expect(applyMappingOverrides(base, { schoolName: 1.5 }).byField).toEqual(base.byField);
  });

  it('drops the duplicate-header problem of a field the analyst has settled, keeps the others', () => {
    expect(base.problems.map((p) => p.field)).toEqual(['ofstedGrade']);
    expect(applyMappingOverrides(base, { ofstedGrade: 4 }).problems).toEqual([]);
    expect(applyMappingOverrides(base, { urn: 0 }).problems).toHaveLength(1);
  });

  it('leaves the input mapping unchanged', () => {
    const before = JSON.stringify(base);
    applyMappingOverrides(base, { ofstedGrade: 4, urn: null });
    expect(JSON.stringify(base)).toBe(before);
  });
});
