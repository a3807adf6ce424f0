import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { fieldForHeader } from '../../core/headers';
import { allFrameworks } from '../../core/frameworks';
import { fromIsoDate, type CalendarDate } from '../../core/dates';
import { categoriseRegister } from '../../core/register';
import { generateSampleRegister, HEADERS } from '../../scripts/generate-sample-register';

const csv = Papa.parse<string[]>(readFileSync('examples/sample-register.csv', 'utf8'), { skipEmptyLines: true }).data;
const [header, ...rows] = csv as [string[], ...string[][]];
const col = (name: string) => rows.map((r) => r[header.indexOf(name)]!);

describe('the bundled sample register', () => {
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile('examples/sample-register.xlsx');
    sheet = wb.getWorksheet('Register')!;
  });

  it('holds about 200 schools with unique 6-digit URNs', () => {
    expect(rows.length).toBeGreaterThanOrEqual(180);
    expect(rows.length).toBeLessThanOrEqual(220);
    expect(new Set(col('URN')).size).toBe(rows.length);
    for (const urn of col('URN')) expect(urn).toMatch(/^\d{6}$/);
  });

  it('names every column as analysts do, each one a recognised header', () => {
    expect(header).toEqual([...HEADERS]);
    for (const h of header) expect(fieldForHeader(h), h).not.toBeNull();
  });

  it('mixes phases, maintained schools and academies', () => {
    const phases = new Set(col('Phase'));
    for (const p of ['Nursery', 'Primary', 'Secondary', 'Special', 'All-through']) expect(phases).toContain(p);
    const statuses = new Set(col('Status'));
    expect([...statuses].some((s) => /Academy|Free schools/.test(s))).toBe(true);
    expect([...statuses].some((s) => /Community|Voluntary|Foundation|Maintained/.test(s))).toBe(true);
  });

  it('has report cards after 10 November 2025, ungraded inspections, new heads and awkward but valid cells', () => {
    const dates = col('Report card date').filter(Boolean).map((d) => d.split('/').reverse().join('-'));
    expect(dates.length).toBeGreaterThanOrEqual(20);
    for (const d of dates) expect(d >= '2025-11-10').toBe(true);
    expect(col('Ungraded outcome').filter(Boolean).length).toBeGreaterThanOrEqual(5);
    expect(col('Headteacher start date').filter((d) => d.split('/').reverse().join('-') >= '2026-05-01').length).toBeGreaterThanOrEqual(3);
    expect(col('Ofsted grade')).toEqual(expect.arrayContaining(['RI', '3', 'Satisfactory']));
    expect(col('Attainment concern')).toEqual(expect.arrayContaining(['Y', 'N']));
  });

  it('is an Excel table with dates stored as dates', () => {
    expect(Object.keys((sheet as unknown as { tables: object }).tables)).toEqual(['Register']);
    expect(sheet.getCell(2, HEADERS.indexOf('Inspection date') + 1).value).toBeInstanceOf(Date);
  });

  it('is what the generator makes from its seed (the committed CSV is up to date)', () => {
    const regenerated = generateSampleRegister().map((r) => HEADERS.map((h) => {
      const v = r[h];
      return v instanceof Date ? `${String(v.getUTCDate()).padStart(2, '0')}/${String(v.getUTCMonth() + 1).padStart(2, '0')}/${v.getUTCFullYear()}` : String(v);
    }));
    expect(regenerated).toEqual(rows);
  });

  it('categorises cleanly under all five frameworks, every row with reasons', () => {
    const asOf = fromIsoDate('2026-11-01') as CalendarDate;
    for (const fw of allFrameworks()) {
      const outcome = categoriseRegister(fw, header, rows, { asOf, headerRowNumber: 1 });
      expect(outcome.fatal).toBe(false);
      for (const r of outcome.rows) {
        expect(r.problems.filter((p) => p.severity === 'error'), `${fw.definition.id} row ${r.row}`).toEqual([]);
        expect(r.result!.reasons.length, `${fw.definition.id} row ${r.row}`).toBeGreaterThan(0);
      }
      // Every category of every framework is reached by some school of the sample.
      const reached = new Set(outcome.rows.map((r) => r.result!.category));
      expect([...reached].sort(), fw.definition.id).toEqual(fw.definition.categories.map((c) => c.id).sort());
    }
  });
});
