import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromIsoDate, type CalendarDate } from '../../core/dates';
import { allFrameworks } from '../../core/frameworks';
import { categoriseRegister } from '../../core/register';
import { FIELD_KEYS, FIELDS, normaliseKey, type FieldKey, type FieldType } from '../../core/fields';
import { generateSampleRegister, SEED } from '../../scripts/generate-sample-register';
import { repeatedReasonLines } from '../support/repeatedReasons';

const XLSX = 'examples/sample-register.xlsx';
const CSV = 'examples/sample-register.csv';

/** Header text -> the field whose label or alias it is (matching ignores case, spaces and punctuation). */
const fieldOfHeader = new Map<string, FieldKey>();
for (const key of FIELD_KEYS) for (const alias of FIELDS[key].aliases) fieldOfHeader.set(normaliseKey(alias), key);

const csv = Papa.parse<string[]>(readFileSync(CSV, 'utf8'), { skipEmptyLines: true });
const [headers, ...csvRows] = csv.data as [string[], ...string[][]];
const column = (label: string) => {
  const i = headers.indexOf(label);
  if (i < 0) throw new Error(`no column ${label}`);
  return csvRows.map((r) => r[i]!);
};
/** dd/mm/yyyy -> ISO, independently of the generator's own formatting. */
const isoOfUk = (text: string) => {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  return m ? `${m[3]}-${m[2]}-${m[1]}` : null;
};
/** The value synonyms of an enum field (the catalogue's own reading of a cell). */
const synonymsOf = (key: FieldKey): Readonly<Record<string, string>> => {
  const type: FieldType = FIELDS[key].type;
  if (type.kind !== 'enum') throw new Error(`${key} is not an enum field`);
  return type.synonyms;
};
const ukOfDate = (d: Date) => d.toISOString().slice(0, 10).split('-').reverse().join('/');

describe('the committed CSV sample register', () => {
  it('parses without errors and has about 200 schools', () => {
    expect(csv.errors).toEqual([]);
    expect(csvRows.length).toBeGreaterThanOrEqual(180);
    expect(csvRows.length).toBeLessThanOrEqual(220);
    for (const r of csvRows) expect(r).toHaveLength(headers.length);
  });

  it('has unique six-digit URNs', () => {
    const urns = column('URN');
    for (const u of urns) expect(u).toMatch(/^[1-9]\d{5}$/);
    expect(new Set(urns).size).toBe(urns.length);
  });

  it('uses only headers that are a label or alias in core/fields.ts, each naming a different field', () => {
    const unknown = headers.filter((h) => !fieldOfHeader.has(normaliseKey(h)));
    expect(unknown).toEqual([]);
    const fields = headers.map((h) => fieldOfHeader.get(normaliseKey(h)));
    expect(new Set(fields).size).toBe(headers.length);
    expect(headers.slice(0, 4)).toEqual(['URN', 'School name', 'Phase', 'Status']);
  });

  it('mixes the phases and both maintained schools and academies', () => {
    const phases = new Set(column('Phase').map(normaliseKey));
    for (const p of ['nursery', 'primary', 'secondary', 'special', 'allthrough']) expect(phases).toContain(p);
    const kinds = new Set(column('Status').map((s) => synonymsOf('status')[normaliseKey(s)]));
    expect(kinds).toEqual(new Set(['maintained', 'academy']));
    // GIAS establishment types as analysts copy them, not only the two plain words.
    expect(new Set(column('Status'))).toContain('Academy converter');
    expect(new Set(column('Status'))).toContain('Community school');
  });

  it('has at least 20 report cards from inspections after 10 November 2025, each with its areas and safeguarding', () => {
    const i = headers.indexOf('Report card date');
    const withCard = csvRows.filter((r) => r[i] !== '');
    for (const r of withCard) {
      expect(isoOfUk(r[i]!)! > '2025-11-10').toBe(true);
      expect(isoOfUk(r[i]!)! <= '2026-11-01').toBe(true);
      expect(r[headers.indexOf('Leadership and governance')]).not.toBe('');
      expect(['Met', 'Not met']).toContain(r[headers.indexOf('Safeguarding effective')]);
    }
    expect(withCard.length).toBeGreaterThanOrEqual(20);
  });

  it('has ungraded inspections with their outcomes', () => {
    const dates = column('Ungraded inspection date');
    const outcomes = column('Ungraded outcome');
    const ungraded = dates.filter((d) => d !== '');
    expect(ungraded.length).toBeGreaterThanOrEqual(10);
    dates.forEach((d, k) => expect(d === '').toBe(outcomes[k] === ''));
  });

  it('has at least 3 headteachers who started in the six months before 1 November 2026', () => {
    const starts = column('Headteacher start date').map(isoOfUk);
    expect(starts.filter((d) => d !== null && d >= '2026-05-01' && d <= '2026-11-01').length).toBeGreaterThanOrEqual(3);
  });

  it('writes every date as dd/mm/yyyy, none after 1 November 2026 (the as-of date of the demo)', () => {
    const dateColumns = headers.filter((h) => FIELDS[fieldOfHeader.get(normaliseKey(h))!].type.kind === 'date');
    expect(dateColumns.length).toBeGreaterThanOrEqual(5);
    for (const h of dateColumns) {
      for (const v of column(h)) {
        if (v === '') continue;
        expect(isoOfUk(v), `${h}: ${v}`).not.toBeNull();
        expect(isoOfUk(v)! <= '2026-11-01').toBe(true);
      }
    }
  });

  it('keeps the awkward but valid cells analysts type', () => {
    const cells = csvRows.flat();
    for (const v of ['Y', 'N', 'RI', '3', 'Satisfactory', 'SM']) expect(cells).toContain(v);
    expect(column('School name').some((n) => n !== n.trim())).toBe(true);
    expect(column('Attendance %').some((a) => a !== '' && Number(a) > 0 && Number(a) < 1)).toBe(true);
  });

  it('has analyst overrides with reasons and previous categories using Oxfordshire ids', () => {
    const overrides = column('Category override');
    const reasons = column('Override reason');
    const withOverride = overrides.map((o, k) => [o, reasons[k]]).filter(([o]) => o !== '');
    expect(withOverride.length).toBeGreaterThanOrEqual(2);
    for (const [, reason] of withOverride) expect(reason).not.toBe('');
    const previous = new Set(column('Previous category').filter((c) => c !== ''));
    for (const c of previous) expect(['universal', 'targeted', 'bespoke', 'ri', 'inadequate']).toContain(c);
    expect(previous.size).toBeGreaterThanOrEqual(3);
  });
});

describe('indicators correlate with the Ofsted outcome', () => {
  it('schools graded requires improvement have weaker KS2 results and more concern flags than good schools', () => {
    const grade = column('Ofsted grade').map((g) => synonymsOf('ofstedGrade')[normaliseKey(g)]);
    const rwm = column('KS2 RWM expected %');
    const flagColumns = headers.filter((h) => FIELDS[fieldOfHeader.get(normaliseKey(h))!].group === 'concerns' && FIELDS[fieldOfHeader.get(normaliseKey(h))!].type.kind === 'yesNo');
    const flags = csvRows.map((r) => flagColumns.filter((h) => ['Yes', 'Y'].includes(r[headers.indexOf(h)]!)).length);
    // Only rows whose latest graded inspection gave the grade (no report card since).
    const cards = column('Report card date');
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const of = (g: string, values: (k: number) => string | number) =>
      csvRows.map((_, k) => k).filter((k) => grade[k] === g && cards[k] === '').map(values).filter((v) => v !== '').map(Number);
    expect(mean(of('requires-improvement', (k) => rwm[k]!))).toBeLessThan(mean(of('good', (k) => rwm[k]!)) - 5);
    expect(mean(of('requires-improvement', (k) => flags[k]!))).toBeGreaterThan(mean(of('good', (k) => flags[k]!)) + 0.5);
  });
});

describe('categorising the sample register', () => {
  it('categorises cleanly under all five frameworks, every row with reasons, none repeated, and every category reached', () => {
    const asOf = fromIsoDate('2026-11-01') as CalendarDate;
    for (const fw of allFrameworks()) {
      const outcome = categoriseRegister(fw, headers, csvRows, { asOf, headerRowNumber: 1 });
      expect(outcome.fatal).toBe(false);
      for (const r of outcome.rows) {
        expect(r.problems.filter((p) => p.severity === 'error'), `${fw.definition.id} row ${r.row}`).toEqual([]);
        expect(r.result!.reasons.length, `${fw.definition.id} row ${r.row}`).toBeGreaterThan(0);
        // No reason line twice, nor one that only restates another (issue 15: Oxfordshire's "A trigger for bespoke work").
        expect(repeatedReasonLines(fw, r.result!.reasons), `${fw.definition.id} row ${r.row}`).toEqual([]);
      }
      const reached = new Set(outcome.rows.map((r) => r.result!.category));
      expect([...reached].sort(), fw.definition.id).toEqual(fw.definition.categories.map((c) => c.id).sort());
    }
  });
});

describe('regenerating from the seed', () => {
  it('gives the same rows as the committed CSV', () => {
    const rows = generateSampleRegister(SEED);
    expect(Object.keys(rows[0]!)).toEqual(headers);
    const asCsv = rows.map((r) => headers.map((h) => {
      const v = r[h as keyof typeof r];
      return v instanceof Date ? ukOfDate(v) : String(v);
    }));
    expect(asCsv).toEqual(csvRows);
  });

  it('is deterministic, and another seed gives another register', () => {
    expect(generateSampleRegister(SEED)).toEqual(generateSampleRegister(SEED));
    expect(generateSampleRegister(SEED + 1).map((r) => r['School name'])).not.toEqual(generateSampleRegister(SEED).map((r) => r['School name']));
  });
});

describe('the committed .xlsx sample register', () => {
  let sheet: ExcelJS.Worksheet;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(XLSX);
    sheet = wb.getWorksheet('Register')!;
  });

  it('holds the register as an Excel table named Register with the header in row 1, frozen', async () => {
    expect(sheet).toBeDefined();
    // The table part itself, as Excel reads it: its name and a range from A1 over every column and row.
    const zip = await JSZip.loadAsync(readFileSync(XLSX));
    const tableXml = await zip.file('xl/tables/table1.xml')!.async('string');
    const lastColumn = sheet.getColumn(headers.length).letter;
    expect(tableXml).toMatch(new RegExp(`name="Register"[^>]*ref="A1:${lastColumn}${csvRows.length + 1}"`));
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(headers);
  });

  it('has the same cells as the CSV, with dates as real dates formatted dd/mm/yyyy', () => {
    expect(sheet.rowCount).toBe(csvRows.length + 1);
    let realDates = 0;
    csvRows.forEach((csvRow, k) => {
      const row = sheet.getRow(k + 2);
      headers.forEach((h, c) => {
        const cell = row.getCell(c + 1);
        const v = cell.value;
        if (v instanceof Date) {
          realDates++;
          expect(cell.numFmt).toBe('dd/mm/yyyy');
          expect(ukOfDate(v)).toBe(csvRow[c]);
        } else {
          expect(v === null || v === undefined ? '' : String(v), `row ${k + 2} ${h}`).toBe(csvRow[c]);
        }
      });
    });
    expect(realDates).toBeGreaterThan(400);
  });

  it('keeps the deliberate UK date typed as text', () => {
    const c = headers.indexOf('Headteacher start date') + 1;
    const texts = csvRows.map((_, k) => sheet.getRow(k + 2).getCell(c).value).filter((v) => typeof v === 'string');
    expect(texts.length).toBeGreaterThanOrEqual(1);
    for (const t of texts) expect(t).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
  });
});
