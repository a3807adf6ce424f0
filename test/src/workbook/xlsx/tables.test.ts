/**
 * An Excel table with a totals row ("Total", a SUBTOTAL): the row is no school, is never written into,
 * and stays the table's last row when our columns join the table. The register made by openpyxl and
 * re-saved by LibreOffice; the copies read back by openpyxl and opened by LibreOffice.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { RESULT_HEADERS } from '../../../../src/run/resultPlacement';
import { columnLetters } from '../../../../src/workbook/port';
import { runCli as run } from '../../../support/runCli';
import { have, PYTHON, resavedByLibreOffice, SOFFICE } from '../../../support/externalTools';

/** The sample register's last column, BP (0-based). */
const BP = 67;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-totals-'));
});

/** The sample register (200 schools, table "Register" over A1:BP201) with a totals row 202 added by openpyxl. */
function withTotalsRow(path: string): string {
  execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook('examples/sample-register.xlsx'); ws = wb.worksheets[0]
t = ws.tables['Register']; n = ws.max_row
ws.cell(n + 1, 1, 'Total'); ws.cell(n + 1, 2, f'=SUBTOTAL(103,B2:B{n})')
t.ref = f'A1:BP{n + 1}'; t.totalsRowCount = 1; t.autoFilter.ref = f'A1:BP{n}'
t.tableColumns[0].totalsRowLabel = 'Total'; t.tableColumns[1].totalsRowFunction = 'count'
wb.save(sys.argv[1])`, path]);
  return path;
}

interface TotalsRead { ref: string; totalsRowCount: number | null; row: unknown[]; bq: unknown; problems: unknown; last: unknown }

/** The table and row 202 of the register sheet as openpyxl reads them. */
function totalsRead(path: string): TotalsRead {
  return JSON.parse(execFileSync(PYTHON!, ['-c', `
import openpyxl, sys, json
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]; t = ws.tables['Register']
header = [c.value for c in ws[1]]
print(json.dumps({'ref': t.ref, 'totalsRowCount': t.totalsRowCount, 'row': [c.value for c in ws[202]][:68],
  'bq': ws['BQ202'].value, 'problems': ws.cell(202, header.index('Problems') + 1).value if 'Problems' in header else None, 'last': ws.cell(202, len(header)).value}, default=str))`, path], { encoding: 'utf8' })) as TotalsRead;
}

describe('a table\'s totals row', () => {
  it('is not read as a school: validate finds no problem in it, compare and categorise count 200 schools', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const path = withTotalsRow(join(dir, 'totals.xlsx'));
    const validate = await run('validate', path, '--framework', 'oxfordshire', '--as-of', '2026-11-01');
    expect(validate.code).toBe(0);
    expect(validate.out).toMatch(/^200 data rows/m);
    expect(validate.out).not.toMatch(/Row 202/);
    const compare = await run('compare', path, '--as-of', '2026-11-01');
    expect(compare.out).not.toMatch(/Total/);
    const out = join(dir, 'totals.out.json');
    expect((await run('categorise', path, '--framework', 'oxfordshire', '--as-of', '2026-11-01', '--out', out)).code).toBe(0);
    const rows = (JSON.parse(readFileSync(out, 'utf8')) as { rows: { row: number }[] }).rows;
    expect(rows).toHaveLength(200);
    expect(Math.max(...rows.map((r) => r.row))).toBe(201);
  });

  it('is never written into, and stays the table\'s last row when the results join the table; the copy opens in LibreOffice', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const path = withTotalsRow(join(dir, 'written.xlsx'));
    const out = join(dir, 'written.out.xlsx');
    const r = await run('categorise', path, '--framework', 'oxfordshire', '--as-of', '2026-11-01', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/: 200 schools/);
    expect(r.out).toMatch(/results are columns of your table "Register"/);
    const before = totalsRead(path);
    const after = totalsRead(out);
    // The table grows right by our columns, its totals row still its last; the totals row's cells as they were, ours there empty.
    const last = columnLetters(BP + RESULT_HEADERS.length);
    expect(after).toEqual({ ...before, ref: `A1:${last}202`, problems: null, last: null });
    expect(before.row.slice(0, 2)).toEqual(['Total', '=SUBTOTAL(103,B2:B201)']);

    if (!have(SOFFICE, 'LibreOffice')) return;
    // LibreOffice opens the copy and keeps the table with its totals row.
    const resaved = resavedByLibreOffice(out, mkdtempSync(join(dir, 'lo-')));
    expect(totalsRead(resaved)).toMatchObject({ ref: `A1:${last}202`, totalsRowCount: 1, problems: null });
  });

  it('a cell of the analyst\'s beside the totals row keeps the results out of its column', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const path = withTotalsRow(join(dir, 'beside.xlsx'));
    execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); wb.worksheets[0]['BQ202'] = 'checked by JS'; wb.save(sys.argv[1])`, path]);
    const out = join(dir, 'beside.out.xlsx');
    const r = await run('categorise', path, '--framework', 'oxfordshire', '--as-of', '2026-11-01', '--out', out);
    expect(r.code).toBe(0);
    const after = totalsRead(out);
    expect(after.ref).toBe('A1:BP202');
    expect(after.bq).toBe('checked by JS');
    expect(r.out).toMatch(/beside/);
  });

  it('another table on the sheet, with a totals row of its own beside the register, does not end the register', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // A small "Phases" table to the right of the register (BS1:BT5), its totals row on sheet row 5.
    const path = join(dir, 'side-table.xlsx');
    execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
from openpyxl.worksheet.table import Table
wb = openpyxl.load_workbook('examples/sample-register.xlsx'); ws = wb.worksheets[0]
for r, (a, b) in enumerate([('Phase', 'Schools'), ('Primary', 150), ('Secondary', 40), ('Special', 10), ('Total', '=SUBTOTAL(109,BT2:BT4)')], start=1):
    ws.cell(r, 71, a); ws.cell(r, 72, b)
t = Table(displayName='Phases', ref='BS1:BT5'); t.totalsRowCount = 1
ws.add_table(t)
wb.save(sys.argv[1])`, path]);
    for (const command of ['validate', 'categorise']) {
      const r = await run(command, path, '--framework', 'oxfordshire', '--as-of', '2026-11-01', ...(command === 'categorise' ? ['--out', join(dir, 'side-table.out.json')] : []));
      expect(r.out, command).toMatch(command === 'validate' ? /\b200 data rows\b/ : /: 200 schools/);
    }
  });

  it('as LibreOffice saves it (its autoFilter over the totals row too): the same', async () => {
    if (!have(PYTHON, 'openpyxl') || !have(SOFFICE, 'LibreOffice')) return;
    const resaved = resavedByLibreOffice(withTotalsRow(join(dir, 'lo-in.xlsx')), mkdtempSync(join(dir, 'lo-in-')));
    const out = join(dir, 'lo-in.out.xlsx');
    const r = await run('categorise', resaved, '--framework', 'oxfordshire', '--as-of', '2026-11-01', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/: 200 schools/);
    expect(r.out).not.toMatch(/Not categorised \(problems\)\s+[1-9]/);
    expect(totalsRead(out)).toMatchObject({ totalsRowCount: 1, problems: null, last: null });
  });
});

describe('rows below the register\'s table', () => {
  it('are not part of the register, as in Excel and the task pane: not read as schools, never written into, and said', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // The analyst's notes two rows below the table "Register" (A1:BP201), as openpyxl saves them.
    const path = join(dir, 'notes-below.xlsx');
    execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook('examples/sample-register.xlsx'); ws = wb.worksheets[0]
ws['A203'] = 'Note: attendance from the autumn data pack'; ws['B204'] = 'Checked by JS, 1 Nov'
wb.save(sys.argv[1])`, path]);
    const said = /Rows 203 to 204 are below your table "Register", so not part of the register: not read as schools, and nothing was written in them\./;
    const validate = await run('validate', path, '--framework', 'oxfordshire', '--as-of', '2026-11-01');
    expect(validate.code).toBe(0);
    expect(validate.out).toMatch(/^200 data rows, 0 problem/m);
    expect(validate.out).toMatch(said);
    expect((await run('compare', path, '--as-of', '2026-11-01')).out).toMatch(said);
    const out = join(dir, 'notes-below.out.xlsx');
    const r = await run('categorise', path, '--framework', 'oxfordshire', '--as-of', '2026-11-01', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/: 200 schools/);
    expect(r.out).toMatch(said);
    const below = JSON.parse(execFileSync(PYTHON!, ['-c', `
import openpyxl, sys, json
ws = openpyxl.load_workbook(sys.argv[1]).worksheets[0]
print(json.dumps({'ref': ws.tables['Register'].ref, 'cells': [[c.coordinate, c.value] for r in (202, 203, 204) for c in ws[r] if c.value is not None]}))`, out], { encoding: 'utf8' })) as { ref: string; cells: [string, unknown][] };
    expect(below.ref).toMatch(/^A1:[A-Z]+201$/);
    expect(below.cells).toEqual([['A203', 'Note: attendance from the autumn data pack'], ['B204', 'Checked by JS, 1 Nov']]);
  });
});
