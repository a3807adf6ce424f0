/**
 * Which sheet is the register when the command line is not told (--sheet): the first sheet the analyst
 * can see. Workbooks saved by openpyxl with a hidden list of lookups before the register.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FileReadError, readSheetGrid } from '../../../../src/workbook/readFile';
import { runCli as run } from '../../../support/runCli';
import { have, PYTHON } from '../../../support/externalTools';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'schoolrisk-sheet-'));
});

/** The sample register with a sheet of lists before it, hidden as `state`; the register's tab active. */
function withListsFirst(file: string, state: 'hidden' | 'veryHidden'): string {
  const path = join(dir, file);
  execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook('examples/sample-register.xlsx')
lists = wb.create_sheet('Lists', 0); lists['A1'] = 'Yes'; lists['A2'] = 'No'; lists.sheet_state = sys.argv[2]
wb.active = 1
wb.save(sys.argv[1])`, path, state]);
  return path;
}

describe('the register sheet, without --sheet', () => {
  it('is the first sheet the analyst can see: a hidden or very hidden sheet before it is passed over', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    for (const state of ['hidden', 'veryHidden'] as const) {
      const grid = await readSheetGrid(withListsFirst(`${state}.xlsx`, state));
      expect(grid.sheet).toBe('Register');
      expect(grid.values[0]).toContain('URN');
      await grid.workbook?.pkg.close();
    }
  });

  it('validate and compare read the register, and a hidden sheet is still read when named', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    const path = withListsFirst('lists.xlsx', 'hidden');
    const validate = await run('validate', path, '--framework', 'oxfordshire', '--as-of', '2026-11-01');
    expect(validate.err).toBe('');
    expect(validate.out).toMatch(/Header row: row 1 of sheet "Register"/);
    expect(validate.out).toMatch(/^200 data rows/m);
    const compare = await run('compare', path, '--as-of', '2026-11-01');
    expect([compare.code, compare.err]).toEqual([0, '']);
    const named = await readSheetGrid(path, 'Lists');
    expect(named.sheet).toBe('Lists');
    await named.workbook?.pkg.close();
  });

  it('when every worksheet is hidden, one line names the sheets and says which are hidden', async () => {
    if (!have(PYTHON, 'openpyxl')) return;
    // Excel keeps one sheet visible: here a chart sheet, so no worksheet is.
    const path = join(dir, 'all-hidden.xlsx');
    execFileSync(PYTHON!, ['-c', `
import openpyxl, sys
wb = openpyxl.load_workbook('examples/sample-register.xlsx')
wb.worksheets[0].sheet_state = 'hidden'
lists = wb.create_sheet('Lists'); lists['A1'] = 'Yes'; lists.sheet_state = 'veryHidden'
wb.create_chartsheet('Chart', 0); wb.active = 0
wb.save(sys.argv[1])`, path]);
    const error = await readSheetGrid(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileReadError);
    expect((error as Error).message).toMatch(/every worksheet in it is hidden: "Register" \(hidden\), "Lists" \(very hidden\)\. Name the register's sheet with --sheet, or unhide it\.$/);
    const r = await run('categorise', path, '--framework', 'oxfordshire', '--as-of', '2026-11-01', '--out', join(dir, 'never.xlsx'));
    expect(r.code).toBe(1);
    expect(r.err.trim().split('\n')).toHaveLength(1);
  });
});
