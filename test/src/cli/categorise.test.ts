import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../src/cli/main';
import type { ResultRow } from '../../../src/run/resultsJson';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-cli-'));
});

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, (t) => (out += t), (t) => (err += t));
  return { code, out, err };
}

const HEADER = 'URN,School name,Phase,Status,Ofsted grade,Inspection date,Safeguarding effective,Headteacher start date,Attainment concern,Leadership concern';

describe('schoolrisk categorise to JSON', () => {
  it('writes one object per data row with the contract of the core issue', async () => {
    const csv = join(dir, 'register.csv');
    writeFileSync(csv, `\uFEFF${HEADER}\n100001,"Ashby, Lane Primary",Primary,Community school,Good,01/03/2022,Yes,01/09/2019,N,N\n100002,Brook Academy,Secondary,Academy converter,RI,12/05/2024,Y,01/09/2020,Y,Y\n`);
    const out = join(dir, 'results.json');
    const r = await run('categorise', csv, '--framework', 'OXFORDSHIRE', '--as-of', '2026-11-01', '--out', out);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const rows = JSON.parse(readFileSync(out, 'utf8')) as ResultRow[];
    expect(rows.map((x) => [x.row, x.urn])).toEqual([[2, '100001'], [3, '100002']]);
    expect(rows[1]!.category).toBe('ri');
    expect(rows[0]!.errors).toEqual([]);
    for (const row of rows) {
      expect(Object.keys(row).sort()).toEqual(['category', 'errors', 'inspection', 'reasons', 'row', 'supportDays', 'urn']);
      expect(row.reasons.length).toBeGreaterThan(0);
      expect(row.inspection!.dueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(['low', 'medium', 'high']).toContain(row.inspection!.risk);
      expect(row.inspection!.riskScore).toBeGreaterThanOrEqual(0);
      expect(row.inspection!.riskScore).toBeLessThanOrEqual(100);
    }
    expect(r.out).toContain('Oxfordshire');
  });

  it('reports an invalid row by row, column and value, and still categorises the others', async () => {
    const csv = join(dir, 'bad-row.csv');
    writeFileSync(csv, `${HEADER}\n100001,Ashby Lane,Primary,Community school,Good,31/02/2024,Yes,01/09/2019,N,N\n100002,Brook,Primary,Community school,Good,01/03/2022,Yes,01/09/2019,N,N\n`);
    const out = join(dir, 'bad-row.json');
    expect((await run('categorise', csv, '-f', 'oldham', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const rows = JSON.parse(readFileSync(out, 'utf8')) as ResultRow[];
    expect(rows[0]!.category).toBeNull();
    expect(rows[0]!.errors).toEqual([expect.stringMatching(/^Row 2, column "Inspection date": "31\/02\/2024" is not a date; expected /)]);
    expect(rows[1]!.category).not.toBeNull();
  });

  it('finds a header row below a title, counting sheet rows from the top', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Autumn 2026');
    ws.addRow(['Northmoor risk register']);
    ws.addRow([]);
    ws.addRow(HEADER.split(','));
    ws.addRow([100001, 'Ashby Lane', 'Primary', 'Community school', 'Good', new Date(Date.UTC(2022, 2, 1)), 'Yes', new Date(Date.UTC(2019, 8, 1)), 'N', 'N']);
    const xlsx = join(dir, 'title.xlsx');
    await wb.xlsx.writeFile(xlsx);
    const out = join(dir, 'title.json');
    expect((await run('categorise', xlsx, '-f', 'wokingham', '--as-of', '2026-11-01', '-o', out)).code).toBe(0);
    const rows = JSON.parse(readFileSync(out, 'utf8')) as ResultRow[];
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).toBe(4);
    expect(rows[0]!.inspection!.dueFrom).not.toBeNull();
  });
});

describe('schoolrisk categorise: the inspection outlook in results.json', () => {
  it('gives the probability in its two parts, the horizon, the window\'s coverage and the statutory latest date; the options change them', async () => {
    const csv = join(dir, 'outlook.csv');
    writeFileSync(csv, `URN,School name,Ofsted grade,Inspection date,KS2 progress,KS2 RWM expected %\n100001,Ashby Lane,RI,12/05/2025,-3,45\n`);
    const usual = join(dir, 'outlook.json');
    const chosen = join(dir, 'outlook-chosen.json');
    expect((await run('categorise', csv, '-f', 'oldham', '--as-of', '2026-11-01', '-o', usual)).code).toBe(0);
    expect((await run('categorise', csv, '-f', 'oldham', '--as-of', '2026-11-01', '--horizon-months', '6', '--window-coverage', '90', '--inspection-rules', 'practice-2012-2019', '-o', chosen)).code).toBe(0);
    const [a] = (JSON.parse(readFileSync(usual, 'utf8')) as ResultRow[]).map((r) => r.inspection!);
    const [b] = (JSON.parse(readFileSync(chosen, 'utf8')) as ResultRow[]).map((r) => r.inspection!);
    expect(a).toMatchObject({ horizonMonths: 24, windowCoverage: 0.8, statutoryLatest: '2030-07-31', rules: 'report-cards-2025' });
    expect(a!.probability).toBeCloseTo(a!.inspectedWithinHorizon * a!.belowGoodIfInspected, 3);
    expect(a!.riskReasons[0]).toMatch(new RegExp(`^Score ${a!.riskScore}: `));
    expect(b).toMatchObject({ horizonMonths: 6, windowCoverage: 0.9, rules: 'practice-2012-2019' });
    expect(b!.inspectedWithinHorizon).toBeLessThan(a!.inspectedWithinHorizon);
    expect(b!.dueFrom! < a!.dueFrom! && b!.dueBy! > a!.dueBy!).toBe(true);
  });
});

describe('schoolrisk categorise refuses what it cannot run, with a clear message', () => {
  it.each([
    ['an unknown framework', () => ['categorise', join(dir, 'register.csv'), '-f', 'kent', '-o', join(dir, 'x.json')], /Unknown framework "kent"; expected one of: .*oxfordshire/],
    ['a missing file', () => ['categorise', join(dir, 'nope.csv'), '-f', 'oldham', '-o', join(dir, 'x.json')], /Cannot read ".*nope\.csv": no such file/],
    ['a file that is not a workbook', () => { const p = join(dir, 'fake.xlsx'); writeFileSync(p, 'not a zip'); return ['categorise', p, '-f', 'oldham', '-o', join(dir, 'x.json')]; }, /it is not an Excel workbook \(\.xlsx\): it is not a zip package/],
    ['a missing sheet', () => ['categorise', join(dir, 'title.xlsx'), '--sheet', 'Summer', '-f', 'oldham', '-o', join(dir, 'x.json')], /has no sheet "Summer"; its sheets are "Autumn 2026"/],
    ['no header row', () => { const p = join(dir, 'noheader.csv'); writeFileSync(p, '1,2,3\n4,5,6\n'); return ['categorise', p, '-f', 'oldham', '-o', join(dir, 'x.json')]; }, /has no header row/],
    ['a bad as-of date', () => ['categorise', join(dir, 'register.csv'), '-f', 'oldham', '--as-of', '01/11/2026', '-o', join(dir, 'x.json')], /"01\/11\/2026" is not a date; expected YYYY-MM-DD/],
    ['a horizon that is not a number of months', () => ['categorise', join(dir, 'register.csv'), '-f', 'oldham', '--horizon-months', '2.5', '-o', join(dir, 'x.json')], /"2\.5" is not a number of months from 1 to 120/],
    ['a coverage out of range', () => ['categorise', join(dir, 'register.csv'), '-f', 'oldham', '--window-coverage', '0.8', '-o', join(dir, 'x.json')], /"0\.8" is not a coverage from 50 to 99 \(per cent\)/],
    ['unknown inspection rules', () => ['categorise', join(dir, 'register.csv'), '-f', 'oldham', '--inspection-rules', 'ofsted-2030', '-o', join(dir, 'x.json')], /"ofsted-2030" is not a set of inspection rules; expected report-cards-2025 or practice-2012-2019/],
  ])('%s', async (_what, argv, message) => {
    const r = await run(...argv());
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(message);
  });
});
